require "fileinto";
if header :is "subject" "ab" { fileinto "Joined"; }
if header :is "subject" "=?utf-8?q?a?=b" { fileinto "Literal"; }
