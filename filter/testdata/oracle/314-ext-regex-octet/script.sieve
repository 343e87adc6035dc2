require ["regex", "fileinto"];
if header :regex :comparator "i;octet" "subject" "^lunch" { fileinto "Wrong"; }
if header :regex :comparator "i;octet" "subject" "Fri.ay\\?$" { fileinto "Octet"; }
