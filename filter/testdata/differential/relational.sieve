require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :value "gt" :comparator "i;ascii-numeric" "x-priority" "2" { fileinto "Num"; }
if header :value "lt" "subject" "M" { fileinto "Str"; }
if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "2" { fileinto "Many"; }
if size :over 100 { fileinto "Big"; }
if size :under 10K { fileinto "Small"; }
if exists ["From", "Date"] { fileinto "Exists"; }
