require ["regex", "environment", "fileinto"];
if environment :regex "location" "^[A-Z]+$" { fileinto "Location"; }
if environment :regex "nosuchitem" ".*" { fileinto "Wrong"; }
if environment :regex :comparator "i;octet" "location" "^[a-z]+$" { fileinto "Wrong"; }
