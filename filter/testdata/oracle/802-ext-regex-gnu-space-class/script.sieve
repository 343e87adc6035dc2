require ["regex", "variables", "fileinto"];
if header :regex "subject" "^([^ ]+)\\s(\\S+)" { fileinto "${1}${2}"; }
