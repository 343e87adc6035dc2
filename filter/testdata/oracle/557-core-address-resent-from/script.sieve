require "fileinto";
if address :is "resent-from" "fwd@example.org" { fileinto "Resent"; }
