require ["date", "fileinto", "variables"];
if date :zone "+0000" :matches "date" "hour" "*" { fileinto "Hour${1}"; }
