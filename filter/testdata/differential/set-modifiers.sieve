require ["variables", "fileinto"];
set :length "l" "héllo";
set :quotewildcard "q" "a*b?c\\d";
set :upper "u" "abc";
set :lowerfirst "lf" "ABC";
fileinto "${l}/${u}/${lf}";
if string :is "${q}" "a\\*b\\?c\\\\d" { fileinto "QW"; }
set "empty" "";
if string :is "${empty}" "" { fileinto "Count"; }
