require ["relational", "comparator-i;ascii-numeric", "fileinto"];
if header :is :comparator "i;ascii-numeric" "x-priority" "3" { fileinto "Three"; }
if header :value "lt" :comparator "i;ascii-numeric" "subject" "5" { fileinto "Inf"; }
if header :count "gt" :comparator "i;ascii-numeric" "received" "1" { fileinto "Rcv"; }
if header :count "eq" :comparator "i;ascii-numeric" "x-nope" "0" { fileinto "Zero"; }
if address :count "eq" :comparator "i;ascii-numeric" "to" "1" { fileinto "OneTo"; }
