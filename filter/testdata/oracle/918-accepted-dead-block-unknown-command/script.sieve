require "fileinto";
if false { frobnicate "x"; }
fileinto "Archive";
