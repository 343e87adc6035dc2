require ["variables", "fileinto"];
if header :matches "subject" "*" { fileinto "G${2}${1}"; }
