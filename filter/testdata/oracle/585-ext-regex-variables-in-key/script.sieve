require ["regex", "variables", "fileinto"];
set "w" "Fri";
if header :regex "subject" "${w}day" { fileinto "VarKey"; }
