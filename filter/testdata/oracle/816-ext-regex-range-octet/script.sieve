require ["regex", "variables", "fileinto"];
if header :regex :comparator "i;octet" "subject" "[Z-a]" { fileinto "Underscore"; }
