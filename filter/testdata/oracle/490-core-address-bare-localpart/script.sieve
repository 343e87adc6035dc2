require "fileinto";
if address :all :is "to" "tim" { fileinto "Bare"; }
if address :domain :is "to" "" { fileinto "EmptyDomain"; }
