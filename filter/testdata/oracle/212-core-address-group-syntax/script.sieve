require "fileinto";
if address :is "to" "bob@example.net" { fileinto "Team"; }
