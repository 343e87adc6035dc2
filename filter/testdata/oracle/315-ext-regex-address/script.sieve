require ["regex", "fileinto"];
if address :regex :domain "from" "^example\\.(org|com)$" { fileinto "Example"; }
