require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :count "eq" :comparator "i;ascii-numeric" ["x-label", "subject"] "3" { fileinto "Three"; }
