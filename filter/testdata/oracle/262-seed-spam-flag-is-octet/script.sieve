require "fileinto";
if header :comparator "i;octet" :is "X-Spam-Flag" "YES" { fileinto "Junk"; }
