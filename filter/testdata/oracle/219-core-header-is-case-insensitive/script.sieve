require "fileinto";
if header :is "SUBJECT" "LUNCH ON FRIDAY?" { fileinto "Yes"; }
