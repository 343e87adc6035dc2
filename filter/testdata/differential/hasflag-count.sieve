require ["imap4flags", "relational", "comparator-i;ascii-numeric", "fileinto", "variables"];
addflag ["a", "b", "c", "A"];
if hasflag :count "eq" :comparator "i;ascii-numeric" "3" { fileinto "Three"; }
if hasflag :count "eq" :comparator "i;ascii-numeric" "4" { fileinto "Four"; }
if hasflag :is "A" { fileinto "HasA"; }
set "v" "x y";
if hasflag "v" "y" { fileinto "VarFlag"; }
