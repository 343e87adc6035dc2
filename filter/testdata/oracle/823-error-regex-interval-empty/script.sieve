require ["regex", "variables", "fileinto"];
if header :regex "subject" "Lu{}nch" { fileinto "Wrong"; }
