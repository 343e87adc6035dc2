require ["variables", "fileinto"];
if address :matches "from" "*@*.*" { fileinto "${1}_${2}_${3}"; }
