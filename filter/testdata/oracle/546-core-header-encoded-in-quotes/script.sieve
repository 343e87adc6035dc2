require "fileinto";
if header :contains "from" "Müller" { fileinto "Decoded"; }
