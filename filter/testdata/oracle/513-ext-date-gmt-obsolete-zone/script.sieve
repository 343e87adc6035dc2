require ["date", "fileinto", "variables"];
if date :zone "+0000" :matches "date" "time" "*" { fileinto "T${1}"; }
