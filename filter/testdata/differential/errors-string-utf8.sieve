require "fileinto";
fileinto "café";
