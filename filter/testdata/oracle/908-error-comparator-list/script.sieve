require "fileinto";
if header :comparator ["i;octet"] :contains "subject" "Lunch" { fileinto "Archive"; }
