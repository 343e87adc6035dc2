require "fileinto";
if header :matches "subject" "C:\\\\*" { fileinto "Path"; }
