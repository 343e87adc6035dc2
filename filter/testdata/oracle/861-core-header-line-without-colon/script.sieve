require "fileinto";
if header :is "subject" "Lunch  on Friday" { fileinto "Subject"; }
if header :is "x-bare" "a" { fileinto "Bare"; }
if exists "date" { fileinto "Date"; }
