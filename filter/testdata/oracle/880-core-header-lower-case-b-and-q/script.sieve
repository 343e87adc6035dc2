require "fileinto";
if header :is "subject" "café é" { fileinto "M1"; }
