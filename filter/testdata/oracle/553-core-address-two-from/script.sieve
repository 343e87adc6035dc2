require "fileinto";
if address :is "from" "bob@example.net" { fileinto "Second"; }
