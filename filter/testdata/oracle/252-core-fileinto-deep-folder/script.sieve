require "fileinto";
fileinto "Lists/dev/announce";
