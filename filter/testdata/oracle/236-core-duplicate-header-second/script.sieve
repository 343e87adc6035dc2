require "fileinto";
if header :is "x-label" "urgent" { fileinto "Urgent"; }
