require "fileinto";
if header :is "subject" "C:\\temp" { fileinto "Backslash"; }
