require "fileinto";
if header :is "subject" "Quarterly report for the board meeting" { fileinto "Space"; }
if header :is "subject" "Quarterly report	for the board meeting" { fileinto "Tab"; }
