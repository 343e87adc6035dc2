require "fileinto";
if address :domain :is "from" "[192.0.2.1]" { fileinto "Literal"; }
