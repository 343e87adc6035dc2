require "fileinto";
if header :contains "subject" "abc" { fileinto "Decoded"; }
if header :contains "subject" "=?x-unknown" { fileinto "Literal"; }
