require "fileinto";
if header :contains "subject" "needle café" { fileinto "Found"; }
if header :matches "subject" "x*x needle café" { fileinto "Whole"; }
