require ["relational", "fileinto"];
if header :value ["gt"] "subject" "A" { fileinto "Archive"; }
