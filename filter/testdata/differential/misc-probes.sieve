require ["fileinto", "relational", "comparator-i;ascii-numeric", "envelope", "variables", "imap4flags"];
if envelope :count "eq" :comparator "i;ascii-numeric" ["from", "to"] "2" { fileinto "EnvCount"; }
if string :count "eq" :comparator "i;ascii-numeric" ["a", "", "b"] "2" { fileinto "StrCount"; }
if header :value "eq" :comparator "i;ascii-numeric" "subject" "999" { fileinto "NumInf"; }
if header :value "gt" :comparator "i;ascii-numeric" "x-nope" "1" { fileinto "MissingNum"; }
if header :is "subject" "" { fileinto "EmptyKey"; }
if exists "" { fileinto "EmptyName"; }
if header :contains "subject" ["", "zzz"] { fileinto "EmptyContains"; }
if string :is "${nope}" "" { fileinto "UnsetVar"; }
if string :value "lt" "abc" "abd" { fileinto "StrLt"; }
if header :matches "message-id" "<*@*>" { fileinto "Id/${2}"; }
set "x" "${1}";
