require ["regex", "variables", "fileinto"];
if header :regex "subject" "^[[:upper:]]+ " { fileinto "Casemap"; }
if header :regex :comparator "i;octet" "subject" "^[[:upper:]]+ " { fileinto "Wrong"; }
