require "fileinto";
if header :is "subject" "abc" { fileinto "M1"; }
if header :matches "subject" "abc *" { fileinto "M2"; }
