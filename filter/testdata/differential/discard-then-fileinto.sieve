require "fileinto";
discard;
fileinto "Archive";
stop;
keep;
