require "fileinto";
if size :over 17179869184G { fileinto "Archive"; }
