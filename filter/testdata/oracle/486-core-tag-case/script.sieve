require "fileinto";
if header :IS "subject" "Lunch on Friday?" { fileinto "TagUpper"; }
