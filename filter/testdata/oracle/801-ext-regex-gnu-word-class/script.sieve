require ["regex", "variables", "fileinto"];
if header :regex "subject" "^(\\w+) (\\w+) (\\W*)" { fileinto "${2}-${1}"; }
if header :regex "subject" "\\w\\W$" { fileinto "Tail"; }
