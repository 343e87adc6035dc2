require ["date", "relational", "fileinto"];
# one value; "1" is greater than "09" as a string
if date :count "gt" :comparator "i;octet" "date" "year" "09" { fileinto "Octet"; }
if currentdate :count "gt" "year" "09" { fileinto "Default"; }
