require ["imap4flags", "variables", "fileinto"];
addflag "v" ["\\Seen", "Big"];
if hasflag "v" "big" { fileinto "VarFlag"; }
