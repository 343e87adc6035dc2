require ["regex", "fileinto"];
if header :regex "subject" "\\bFri" { fileinto "Boundary"; }
if header :regex "subject" "\\<on\\>" { fileinto "GnuWord"; }
