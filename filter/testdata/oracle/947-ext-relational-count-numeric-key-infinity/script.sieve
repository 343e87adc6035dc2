require ["relational", "fileinto", "imap4flags", "comparator-i;ascii-numeric"];
# with i;ascii-numeric a key without leading digits is positive infinity
if header :count "lt" :comparator "i;ascii-numeric" "subject" "abc" { fileinto "Header"; }
if address :count "lt" :comparator "i;ascii-numeric" "to" "x1" { fileinto "Address"; }
if hasflag :count "ne" :comparator "i;ascii-numeric" "" { fileinto "Hasflag"; }
if header :count "lt" :comparator "i;ascii-numeric" "subject" "1x" { fileinto "LeadingDigits"; }
