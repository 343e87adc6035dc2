require "fileinto";
fileinto :bogus "x";
