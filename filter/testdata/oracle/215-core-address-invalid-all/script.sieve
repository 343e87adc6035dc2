require "fileinto";
if address :all :contains "to" "undisclosed" { fileinto "Seen-Whole"; }
