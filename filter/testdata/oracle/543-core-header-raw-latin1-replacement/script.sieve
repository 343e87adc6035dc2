require "fileinto";
if header :is "subject" "R�union" { fileinto "Replaced"; }
if header :contains "subject" "union" { fileinto "Contains"; }
