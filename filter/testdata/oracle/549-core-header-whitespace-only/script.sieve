require "fileinto";
if header :is "x-blank" "" { fileinto "Empty"; }
