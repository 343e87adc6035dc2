require ["regex", "fileinto"];
if header :regex "subject" "^L.{,3}h" { fileinto "Brace"; }
