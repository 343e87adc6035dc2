require "fileinto";
if header :is "subject" "xay \"b\"" { fileinto "M1"; }
if header :contains "subject" "=?" { fileinto "M2"; }
