require ["regex", "variables", "fileinto"];
if string :regex "a{2}" "^a\\{2\\}$" { fileinto "Literal"; }
if string :regex "a}" "a}" { fileinto "Brace"; }
