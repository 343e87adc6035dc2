require "fileinto";
if address :all :matches "to" "*" { fileinto "Found"; }
