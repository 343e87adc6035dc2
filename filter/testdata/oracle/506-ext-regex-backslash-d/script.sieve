require ["regex", "fileinto"];
if header :regex "subject" "[0-9]+" { fileinto "Class"; }
if header :regex "subject" "\\d+" { fileinto "BackslashD"; }
