require "fileinto";
fileinto ["Archive"];
