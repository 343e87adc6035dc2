require "fileinto";
if header :is "subject" "Café au lait" { fileinto "Cafe"; }
