require "fileinto";
if header : contains "subject" "Lunch" { fileinto "Archive"; }
