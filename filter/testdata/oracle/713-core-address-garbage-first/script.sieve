require "fileinto";
if address :is "to" "tim@shisaa.jp" { fileinto "Found"; }
if address :all :contains "to" "garbage" { fileinto "Garbage"; }
