require "fileinto";
if address :domain :is "from" "EXAMPLE.ORG" { fileinto "Org"; }
