require "fileinto";
if header :is "subject" "aab" { fileinto "M1"; }
if header :contains "subject" "=?" { fileinto "M2"; }
