require "fileinto";
fileinto "Eof"; # no newline at end
