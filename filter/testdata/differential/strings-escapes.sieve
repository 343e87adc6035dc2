require ["fileinto", "variables"];
set "q" "a\"b\\c";
if string :is "${q}" "a\"b\\c" { fileinto "Esc"; }
# comment with "quotes" and { braces
/* multi
   line comment */
set "t" text: # comment after text:
line1
..line2
.
;
if string :matches "${t}" "line1*.line2*" { fileinto "Text"; }
