require "fileinto";
if header :is "subject" "Hello" { fileinto "Lang"; }
