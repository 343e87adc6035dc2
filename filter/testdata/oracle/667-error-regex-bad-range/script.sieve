require ["regex", "fileinto"];
if header :regex "subject" "[z-a]" { fileinto "Matched"; }
