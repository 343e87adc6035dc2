require "fileinto";
if true { if true { fileinto "Inner"; stop; } fileinto "Wrong1"; }
fileinto "Wrong2";
