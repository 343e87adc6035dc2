require "fileinto";
if size :over 1K { fileinto "Big"; }
if size :over 1M { fileinto "Wrong"; }
