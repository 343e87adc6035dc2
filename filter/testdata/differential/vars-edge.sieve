require ["variables", "fileinto", "envelope"];
if header :matches "subject" "*" { set "whole" "${0}"; }
if header :matches "x-nope" "*" { fileinto "Wrong"; }
fileinto "K/${1}";
if anyof (header :matches "subject" "Z*", header :matches "from" "*@*") { fileinto "A/${2}"; }
set "a" "${whole}";
if string :matches "${a}" "*e*" { fileinto "E/${1}|${2}"; }
