require "fileinto";
fileinto "BadÿşName";
