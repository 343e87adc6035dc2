require "fileinto";
if header :comparator "i;octet" :is "subject" "lunch on friday?" { fileinto "Wrong"; }
if header :comparator "i;octet" :is "subject" "Lunch on Friday?" { fileinto "Right"; }
