require "fileinto";
if header :contains "subject" "=?UTF-8?B?" { fileinto "Literal"; }
