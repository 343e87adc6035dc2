require "fileinto";
if size :under 324 { fileinto "Wrong"; }
if size :under 325 { fileinto "Under"; }
