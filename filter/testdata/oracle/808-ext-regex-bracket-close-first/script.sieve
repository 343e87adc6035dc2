require ["regex", "variables", "fileinto"];
if header :regex "subject" "[]?]$" { fileinto "Close"; }
if header :regex "subject" "[^]?]$" { fileinto "Wrong"; }
