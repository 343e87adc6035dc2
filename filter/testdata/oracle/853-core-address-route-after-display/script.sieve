require "fileinto";
if address :is "to" "tim@shisaa.jp" { fileinto "Found"; }
