require "fileinto";
if size :under 3K { fileinto "Under"; }
