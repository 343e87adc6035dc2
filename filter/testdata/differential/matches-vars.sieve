require ["variables", "fileinto"];
if header :matches "from" "*<*@*>*" { set "dom" "${3}"; }
if address :matches :domain "from" "*.*" { fileinto "D/${1}/${2}"; }
if header :matches "subject" "*e?v*" { fileinto "Q/${1}/${2}/${3}"; }
set :lower :upperfirst "x" "hELLO";
fileinto "${x}-${dom}";
