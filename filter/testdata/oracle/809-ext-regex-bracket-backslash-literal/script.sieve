require ["regex", "variables", "fileinto"];
if header :regex "subject" "[\\x]" { fileinto "Backslash"; }
if header :regex "subject" "[\\d]ay" { fileinto "DInBracket"; }
