require "fileinto";
if true { fileinto "Archive"; } else { frobnicate; }
