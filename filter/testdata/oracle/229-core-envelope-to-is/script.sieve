require ["envelope", "fileinto"];
if envelope :is "to" "tim@shisaa.jp" { fileinto "Mine"; }
