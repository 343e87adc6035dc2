require "fileinto";
if anyof(true, frobnicate "x") { fileinto "Archive"; }
