require "fileinto";
if header :is "subject" "ab x c" { fileinto "M1"; }
if header :is "subject" "a b x c" { fileinto "M2"; }
