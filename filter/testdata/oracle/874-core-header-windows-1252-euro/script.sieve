require "fileinto";
if header :is "subject" "€ 5�" { fileinto "M1"; }
