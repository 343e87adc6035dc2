require ["regex", "variables", "fileinto"];
if header :regex :comparator "i;octet" "subject" "Fri\\day" { fileinto "OctetD"; }
if header :regex "subject" "Fri\\day" { fileinto "CasemapD"; }
if header :regex "subject" "Fri\\Day" { fileinto "CasemapUpperD"; }
