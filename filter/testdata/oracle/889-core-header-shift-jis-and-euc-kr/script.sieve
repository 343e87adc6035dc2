require "fileinto";
if header :is "subject" "テスト한국" { fileinto "M1"; }
if header :contains "subject" "�" { fileinto "M2"; }
