require "fileinto";
if anyof header :contains "subject" "Lunch" { fileinto "Archive"; }
