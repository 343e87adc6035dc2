require ["relational", "fileinto"];
if header :value "lt" "x-spam-score" "5" { fileinto "StringLess"; }
