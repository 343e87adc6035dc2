require ["regex", "variables", "fileinto"];
if header :regex "subject" "[Z-a]" { fileinto "Wrong"; }
