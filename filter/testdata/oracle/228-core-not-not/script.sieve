require "fileinto";
if not not true { fileinto "Double"; }
