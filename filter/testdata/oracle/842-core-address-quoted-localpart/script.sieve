require "fileinto";
if address :localpart :is "to" "john doe" { fileinto "Found"; }
if address :all :is "to" "\"john doe\"@example.com" { fileinto "Archive"; }
