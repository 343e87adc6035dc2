require "fileinto";
if header :is "subject" "" { fileinto "Wrong"; }
if not exists "subject" { fileinto "NoSubject"; }
