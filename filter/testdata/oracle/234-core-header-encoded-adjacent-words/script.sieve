require "fileinto";
if header :is "subject" "Hello World" { fileinto "Joined"; }
