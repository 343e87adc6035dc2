require ["variables", "fileinto"];
set "s" "a*b?c";
if string :matches "${s}" "a\\*b\\?c" { fileinto "Esc"; }
if string :matches "${s}" "a*c" { fileinto "Star/${1}"; }
if string :matches "abcabc" "*b*" { fileinto "Lazy/${1}/${2}"; }
if header :matches "from" "*" { fileinto "All"; }
if string :matches "" "*" { fileinto "EmptyStar"; }
if string :matches "x" "" { fileinto "Wrong"; }
