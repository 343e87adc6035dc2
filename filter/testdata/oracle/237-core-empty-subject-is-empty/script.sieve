require "fileinto";
if header :is "subject" "" { fileinto "Empty"; }
