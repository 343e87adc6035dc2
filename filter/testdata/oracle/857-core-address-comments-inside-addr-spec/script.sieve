require "fileinto";
if address :localpart :is "to" "tim" { fileinto "Found"; }
