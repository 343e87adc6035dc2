require ["regex", "fileinto"];
if header :regex "subject" "a{1001}" { fileinto "Matched"; }
