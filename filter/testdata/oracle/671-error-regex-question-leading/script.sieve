require ["regex", "fileinto"];
if header :regex "subject" "?abc" { fileinto "Matched"; }
