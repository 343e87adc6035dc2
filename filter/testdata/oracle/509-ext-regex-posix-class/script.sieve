require ["regex", "fileinto"];
if header :regex "subject" "^[[:alpha:]]+ [[:lower:]]+" { fileinto "Posix"; }
