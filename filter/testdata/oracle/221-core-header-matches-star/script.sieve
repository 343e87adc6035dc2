require "fileinto";
if header :matches "subject" "Lunch*" { fileinto "Star"; }
if header :matches "subject" "*Friday" { fileinto "Wrong"; }
