require ["regex", "variables", "fileinto"];
if header :regex "subject" "^on|\\?$" { fileinto "Q${0}"; }
