require ["regex", "variables", "fileinto"];
if header :regex "subject" "L(.+?)n" { fileinto "P${1}"; }
