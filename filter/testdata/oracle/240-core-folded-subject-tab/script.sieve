require "fileinto";
if header :matches "subject" "Quarterly report*board meeting" { fileinto "Tab"; }
