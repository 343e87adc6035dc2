require ["variables", "fileinto"];
set "a" "Hello World";
if string :is "${a}" "hello world" { fileinto "Fold"; }
if string :comparator "i;octet" :is "${a}" "hello world" { fileinto "Octet"; }
if string :count "eq" ["${a}", "", "x"] "2" { fileinto "Count"; }
