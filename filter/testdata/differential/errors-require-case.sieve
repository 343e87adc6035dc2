require "FILEINTO";
fileinto "X";
