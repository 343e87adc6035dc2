require "fileinto";
if header :is "subject" "a 	b" { fileinto "M1"; }
if header :is "subject" "a b" { fileinto "M2"; }
if header :is "subject" "a	b" { fileinto "M3"; }
