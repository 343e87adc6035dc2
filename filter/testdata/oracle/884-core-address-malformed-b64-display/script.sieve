require "fileinto";
if address :is "to" "tim@shisaa.jp" { fileinto "Found"; }
if address :contains "to" "=?" { fileinto "Literal"; }
if exists "to" { fileinto "Exists"; }
