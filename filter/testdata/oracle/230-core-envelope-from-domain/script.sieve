require ["envelope", "fileinto"];
if envelope :domain :is "from" "example.org" { fileinto "Org"; }
