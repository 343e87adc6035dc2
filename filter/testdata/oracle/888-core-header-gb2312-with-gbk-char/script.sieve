require "fileinto";
if header :is "subject" "中文�Z" { fileinto "Strict"; }
if header :is "subject" "中文語" { fileinto "GBK"; }
