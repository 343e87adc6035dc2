require "fileinto";
fileinto "Archive";
stop;
keep;
