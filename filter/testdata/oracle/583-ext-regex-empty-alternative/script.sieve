require ["regex", "variables", "fileinto"];
if header :regex "subject" "^(X|)Lunch" { fileinto "E${1}E"; }
