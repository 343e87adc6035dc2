require ["regex", "variables", "fileinto"];
if header :regex "subject" "^caf.$" { fileinto "OneByte"; }
if header :regex "subject" "^caf(..)$" { fileinto "TwoBytes"; }
