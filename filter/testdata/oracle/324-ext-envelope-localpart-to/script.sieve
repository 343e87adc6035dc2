require ["envelope", "fileinto"];
if envelope :localpart :is "to" "tim" { fileinto "Local"; }
