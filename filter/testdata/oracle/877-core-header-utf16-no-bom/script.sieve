require "fileinto";
if header :is "subject" "abc" { fileinto "M1"; }
