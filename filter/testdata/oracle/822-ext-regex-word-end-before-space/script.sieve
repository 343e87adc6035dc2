require ["regex", "variables", "fileinto"];
if header :regex "subject" "h\\>( on)" { fileinto "End${1}"; }
if header :regex "subject" "\\<( on)" { fileinto "Wrong"; }
