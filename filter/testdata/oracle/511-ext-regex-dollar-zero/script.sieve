require ["regex", "variables", "fileinto"];
if header :regex "subject" "[A-Z][a-z]+day" { fileinto "Z-${0}"; }
