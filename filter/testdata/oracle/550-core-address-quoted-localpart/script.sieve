require "fileinto";
if address :localpart :is "from" "alice smith" { fileinto "Unquoted"; }
if address :localpart :is "from" "\"alice smith\"" { fileinto "Quoted"; }
