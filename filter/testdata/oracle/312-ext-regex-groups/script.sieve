require ["regex", "variables", "fileinto"];
if header :regex "subject" "^Lunch (on|at) ([A-Z][a-z]+)" { fileinto "${2}-${1}"; }
