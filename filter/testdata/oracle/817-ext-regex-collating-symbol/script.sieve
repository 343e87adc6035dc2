require ["regex", "variables", "fileinto"];
if header :regex "subject" "^[[.L.]-[.M.]]unch" { fileinto "Coll"; }
if header :regex "subject" "[[=y=]][[.?.]]" { fileinto "Equiv"; }
