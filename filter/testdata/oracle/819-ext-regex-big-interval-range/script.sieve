require ["regex", "variables", "fileinto"];
if header :regex "subject" "^L.{1,1500}y" { fileinto "Big"; }
if header :regex "subject" "^(.){2000}" { fileinto "Wrong"; }
