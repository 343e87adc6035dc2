require ["variables", "relational", "comparator-i;ascii-numeric", "fileinto"];
if string :count "eq" :comparator "i;ascii-numeric" ["a", "", "b"] "2" { fileinto "Two"; }
if string :count "eq" :comparator "i;ascii-numeric" ["a", "", "b"] "3" { fileinto "Three"; }
