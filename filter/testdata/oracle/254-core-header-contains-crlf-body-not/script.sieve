require "fileinto";
if header :contains "subject" "usual place" { fileinto "Wrong"; }
