require "fileinto";
if false { abcdefghijabcdefghijabcdefghijabc; }
fileinto "Archive";
