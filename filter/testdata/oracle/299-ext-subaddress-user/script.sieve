require ["subaddress", "envelope", "fileinto"];
if envelope :user :is "to" "tim" { fileinto "User"; }
