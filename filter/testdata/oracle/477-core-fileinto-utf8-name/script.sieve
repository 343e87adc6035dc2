require "fileinto";
fileinto "Entwürfe";
