require ["variables", "fileinto"];
set "v" "";
if string :is "${v}" "" { fileinto "Empty"; }
if string :count "eq" :comparator "i;ascii-numeric" "${v}" "0" { fileinto "CountZero"; }
