require "fileinto";
if header :comparator "I;ASCII-CASEMAP" :is "subject" "LUNCH ON FRIDAY?" { fileinto "Archive"; }
