require ["date", "fileinto", "variables"];
if date :originalzone :matches "date" "julian" "*" { set "j" "${1}"; }
if date :originalzone :matches "date" "std11" "*" { fileinto "${j}|${1}"; }
