require "fileinto";
if address :domain :comparator "i;octet" :is "from" "example.org" { fileinto "Lowered"; }
