require "fileinto";
if address :all :is "from" "jm@example.de" { fileinto "Addr"; }
