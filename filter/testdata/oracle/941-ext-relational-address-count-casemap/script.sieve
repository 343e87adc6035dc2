require ["relational", "fileinto", "comparator-i;ascii-numeric"];
# the count "2" is compared as a string, so it is greater than "10"
if address :count "gt" :comparator "i;ascii-casemap" "to" "10" { fileinto "Casemap"; }
if address :count "gt" "to" "10" { fileinto "Default"; }
if address :count "gt" :comparator "i;ascii-numeric" "to" "10" { fileinto "Numeric"; }
if address :domain :count "eq" :comparator "i;octet" ["to", "cc"] "4" { fileinto "Octet"; }
