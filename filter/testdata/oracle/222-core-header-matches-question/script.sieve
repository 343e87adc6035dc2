require "fileinto";
if header :matches "subject" "Lunch on ?riday?" { fileinto "Q"; }
if header :matches "subject" "Lunch on ?riday" { fileinto "Wrong"; }
