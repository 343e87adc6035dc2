require "fileinto";
fileinto :foo "Archive";
