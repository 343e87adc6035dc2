require ["envelope", "fileinto"];
if envelope :is "FROM" "alice@example.org" { fileinto "Upper"; }
