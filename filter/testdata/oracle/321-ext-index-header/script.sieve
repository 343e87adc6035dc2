require ["index", "fileinto"];
if header :index 2 :contains "received" "relay1" { fileinto "Second"; }
if header :index 1 :last :contains "received" "laptop" { fileinto "Last"; }
