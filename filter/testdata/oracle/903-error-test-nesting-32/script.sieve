require "fileinto";
if not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not false { fileinto "Archive"; }
