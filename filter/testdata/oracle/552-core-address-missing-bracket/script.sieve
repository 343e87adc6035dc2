require "fileinto";
if address :all :contains "from" "alice" { fileinto "Found"; }
if address :domain :is "from" "example.org" { fileinto "Domain"; }
