require "fileinto";
if header :is "subject" "Lunch" { fileinto "Trimmed"; }
if header :is "subject" "Lunch   " { fileinto "Kept"; }
