require ["regex", "fileinto", "variables"];
set "p" "(Lunch";
if header :regex "subject" ["${p}", "F(r)i"] { fileinto "Match${1}"; } else { fileinto "Else"; }
if header :regex "subject" "${p}" { fileinto "Wrong"; }
