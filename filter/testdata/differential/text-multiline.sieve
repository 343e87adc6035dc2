require ["vacation", "fileinto", "variables"];
set "x" text:
line one
..dotted
.
;
if string :matches "${x}" "line one*.dotted*" { fileinto "ML"; }
