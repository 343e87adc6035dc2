require ["regex", "variables", "fileinto"];
if header :regex "subject" "^(Lunch)?( at)?( on)? " { fileinto "A${1}B${2}C${3}D"; }
