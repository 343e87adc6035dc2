require ["regex", "variables", "fileinto"];
if header :regex "subject" "L(.*?)n" { fileinto "G${1}"; }
