require ["date", "fileinto"];
if date :matches "date" "year" "*" { fileinto "Wrong"; }
if not date :is "date" "year" "2024" { fileinto "Invalid"; }
