require "fileinto";
if exists "x-empty" { fileinto "Exists"; }
