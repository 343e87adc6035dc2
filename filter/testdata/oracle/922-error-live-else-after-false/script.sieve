require "fileinto";
if false { fileinto "Junk"; } else { frobnicate; }
