require ["regex", "variables", "fileinto"];
if string :regex "x)y" "^x\\)y$" { fileinto "EscClose"; }
if string :regex "x)y" "x)y" { fileinto "BareClose"; }
