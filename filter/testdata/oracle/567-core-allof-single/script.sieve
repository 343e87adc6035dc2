require "fileinto";
if allof (true) { fileinto "Single"; }
