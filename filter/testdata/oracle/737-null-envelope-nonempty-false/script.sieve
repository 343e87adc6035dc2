require ["envelope", "fileinto"];
if envelope :matches "from" "?*" { fileinto "Wrong"; }
if envelope :is "from" "" { fileinto "Bounces"; }
