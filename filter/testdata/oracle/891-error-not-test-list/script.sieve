require "fileinto";
if not (header :contains "subject" "Dinner") { fileinto "Archive"; }
