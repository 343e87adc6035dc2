require "fileinto";
if header :comparator "I;OCTET" :is "subject" "Lunch on Friday?" { fileinto "Upper"; }
