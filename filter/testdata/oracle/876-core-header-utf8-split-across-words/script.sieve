require "fileinto";
if header :is "subject" "caf�" { fileinto "M1"; }
if header :is "subject" "café" { fileinto "M2"; }
