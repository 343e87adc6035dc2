require "fileinto";
if header :is "subject" "caf� café" { fileinto "M1"; }
if header :contains "subject" "=?" { fileinto "M2"; }
