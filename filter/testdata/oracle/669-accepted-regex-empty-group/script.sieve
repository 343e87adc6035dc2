require ["regex", "fileinto"];
if header :regex "subject" "()" { fileinto "Matched"; }
