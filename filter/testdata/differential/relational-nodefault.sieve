require ["relational", "fileinto"];
if header :value "gt" "subject" "zz" { fileinto "Wrong"; } else { fileinto "Right"; }
