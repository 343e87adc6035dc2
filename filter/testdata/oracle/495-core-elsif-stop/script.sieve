require "fileinto";
if false { fileinto "A"; } elsif true { fileinto "B"; stop; } else { fileinto "C"; }
fileinto "D";
