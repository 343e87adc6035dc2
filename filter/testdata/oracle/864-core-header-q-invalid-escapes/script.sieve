require "fileinto";
if header :is "subject" "a=ZZb c=2" { fileinto "M1"; }
