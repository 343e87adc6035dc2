require "fileinto";
fileinto "Archive" :copy;
