require "fileinto";
if header :contains "from" "Jürgen" { fileinto "RawUtf8"; }
if address :domain :is "from" "example.de" { fileinto "Domain"; }
