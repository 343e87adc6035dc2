require "fileinto";
fileinto "Archive;
