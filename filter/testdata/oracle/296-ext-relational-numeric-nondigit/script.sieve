require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :value "gt" :comparator "i;ascii-numeric" "x-spam-score" "100" { fileinto "Infinity"; }
