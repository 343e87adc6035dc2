require ["index", "fileinto"];
if header :index 5 :matches "received" "*" { fileinto "Wrong"; }
if address :index 1 :is "from" "alice@example.org" { fileinto "First"; }
