require "fileinto";
if header :contains "subject" "Lunch" :comparator "i;octet" { fileinto "Archive"; }
