require ["regex", "variables", "fileinto"];
if header :regex "subject" "^(L|u|n)*(c)" { fileinto "${1}${2}"; }
if header :regex "subject" "^(.)+ " { fileinto "Last${1}"; }
