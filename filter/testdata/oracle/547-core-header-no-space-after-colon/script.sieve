require "fileinto";
if header :is "subject" "NoSpace" { fileinto "Exact"; }
