require ["date", "fileinto"];
if date :matches "x-missing-date" "year" "*" { fileinto "Wrong"; }
if not date :matches "date" "year" "19*" { fileinto "NotNineteen"; }
