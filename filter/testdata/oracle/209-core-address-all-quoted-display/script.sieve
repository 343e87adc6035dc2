require "fileinto";
if address :is :all "from" "alice@example.org" { fileinto "Alice"; }
