require ["regex", "variables", "fileinto"];
if header :regex "subject" "(O)\\1" { fileinto "Ref-${1}"; }
if header :regex :comparator "i;octet" "subject" "(O)\\1" { fileinto "Wrong"; }
