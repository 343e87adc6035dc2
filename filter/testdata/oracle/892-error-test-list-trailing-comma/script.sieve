require "fileinto";
if allof(header :contains "subject" "Lunch",) { fileinto "Archive"; }
