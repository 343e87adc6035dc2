require ["regex", "fileinto"];
if header :regex "subject" "^lunch ON friday" { fileinto "CaseFold"; }
