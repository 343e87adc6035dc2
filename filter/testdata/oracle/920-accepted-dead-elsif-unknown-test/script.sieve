require "fileinto";
if true { fileinto "Archive"; } elsif frobnicate "x" { discard; }
