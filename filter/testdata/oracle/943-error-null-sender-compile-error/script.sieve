require ["comparator-i;ascii-numeric", "fileinto"];
if header :contains :comparator "i;ascii-numeric" "subject" "1" { fileinto "Archive"; }
