require "fileinto";
if address :localpart :matches "to" "t?m" { fileinto "Tim"; }
