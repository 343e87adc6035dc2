require "fileinto";
fileinto "Say \"hi\"";
