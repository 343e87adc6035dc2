require "FILEINTO";
fileinto "Upper";
