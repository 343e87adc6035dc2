require ["regex", "imap4flags", "fileinto", "variables"];
addflag ["\\Seen", "$Label1"];
if hasflag :regex "^\\\\s" { fileinto "Seen"; }
if hasflag :regex :comparator "i;octet" "^\\\\s" { fileinto "Wrong"; }
set "v" "foo $bar";
if hasflag :regex "v" "^\\$b(a)r$" { fileinto "Var${1}"; }
