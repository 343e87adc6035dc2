require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :count "ne" :comparator "i;ascii-numeric" "received" "0" { fileinto "Wrong"; }
if header :count "le" :comparator "i;ascii-numeric" "received" "0" { fileinto "NoReceived"; }
