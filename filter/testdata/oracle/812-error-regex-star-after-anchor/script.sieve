require ["regex", "variables", "fileinto"];
if header :regex "subject" "^*Lunch" { fileinto "Wrong"; }
