require "fileinto";
if header :contains "subject" "/*x*/" { fileinto "Wrong"; }
fileinto "Hash #1 end"; # real comment
