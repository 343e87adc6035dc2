require ["variables", "fileinto"];
set "v" text:
..dot
.
;
if string :is "${v}" ".dot
" { fileinto "Archive"; }
if string :is "${v}" "..dot
" { fileinto "Wrong"; }
