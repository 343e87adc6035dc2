require ["date", "fileinto", "relational"];
if date :is "date" "year" "2024" { fileinto "Y2024"; }
if date :value "ge" "date" "month" "02" { fileinto "Wrong"; }
