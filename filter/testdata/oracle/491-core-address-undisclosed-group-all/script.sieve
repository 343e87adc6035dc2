require "fileinto";
if address :all :contains "to" "undisclosed" { fileinto "Wrong"; }
if exists "to" { fileinto "HasTo"; }
