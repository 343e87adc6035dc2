require "fileinto";
if header :matches "subject" "*\\?" { fileinto "Literal"; }
if header :matches "subject" "Price \\*" { fileinto "Star"; }
