require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if address :count "eq" :comparator "i;ascii-numeric" "to" "3" { fileinto "Three"; }
