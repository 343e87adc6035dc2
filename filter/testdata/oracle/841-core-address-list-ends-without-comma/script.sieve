require "fileinto";
if address :is "to" "tim@shisaa.jp" { fileinto "Wrong"; }
elsif address :is "to" "a@x.org" { fileinto "Found"; }
