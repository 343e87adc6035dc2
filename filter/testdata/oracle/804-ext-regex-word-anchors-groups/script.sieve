require ["regex", "variables", "fileinto"];
if header :regex "subject" "\\<([a-z]+)\\> Fri" { fileinto "W${1}"; }
if header :regex "subject" "\\<n" { fileinto "Wrong"; }
