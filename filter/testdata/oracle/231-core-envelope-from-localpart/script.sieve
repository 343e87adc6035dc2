require ["envelope", "fileinto"];
if envelope :localpart :contains "from" "ali" { fileinto "Ali"; }
