require "fileinto";
if header :contains "subject" "Köln" { fileinto "Raw8"; }
