require "fileinto";
if address :is "sender" "secretary@example.org" { fileinto "Sec"; }
