require ["regex", "variables", "fileinto"];
if header :regex "subject" "(Lunch|Lunch on) (on|Friday)" { fileinto "${1}-${2}"; }
