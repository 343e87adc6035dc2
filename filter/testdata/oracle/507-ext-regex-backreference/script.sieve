require ["regex", "fileinto"];
if header :regex "subject" "(o)\\1" { fileinto "Backref"; }
