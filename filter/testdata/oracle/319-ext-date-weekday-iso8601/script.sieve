require ["date", "fileinto", "variables"];
if date :zone "+0900" :matches "date" "weekday" "*" { set "w" "${1}"; }
if date :zone "+0900" :matches "date" "iso8601" "*" { fileinto "W${w}-${1}"; }
