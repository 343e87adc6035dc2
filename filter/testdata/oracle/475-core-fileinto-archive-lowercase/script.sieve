require "fileinto";
fileinto "archive";
