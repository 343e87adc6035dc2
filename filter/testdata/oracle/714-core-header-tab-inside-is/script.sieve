require "fileinto";
if header :is "subject" "a	b" { fileinto "Tab"; }
if header :is "subject" "a b" { fileinto "Space"; }
