require "fileinto";
if size :over 324 { fileinto "Wrong"; }
if size :over 323 { fileinto "Over"; }
