require ["regex", "fileinto"];
if header :regex "subject" "a{2,1}" { fileinto "Matched"; }
