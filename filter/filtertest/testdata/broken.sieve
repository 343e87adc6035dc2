require "fileinto"
fileinto "x";
