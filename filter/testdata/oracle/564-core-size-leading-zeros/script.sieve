require "fileinto";
if size :over 0010 { fileinto "Over"; }
