require ["regex", "body", "fileinto"];
if body :regex :comparator "i;octet" "\\d" { fileinto "OctetD"; }
if body :regex "[0-9]\\d" { fileinto "Wrong"; }
if body :regex "fre{1,2}" { fileinto "Interval"; }
