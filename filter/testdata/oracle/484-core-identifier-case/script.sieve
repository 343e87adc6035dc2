require "fileinto";
FileInto "Upper";
KEEP;
