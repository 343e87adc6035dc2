require "fileinto";
if address :domain :is "to" "example.com" { fileinto "Wrong"; }
if address :all :is "to" "jörg@example.com" { fileinto "Found"; }
