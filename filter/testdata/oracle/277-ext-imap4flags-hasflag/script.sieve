require ["fileinto", "imap4flags"];
addflag "$Work";
if hasflag :is "$work" { fileinto "HasWork"; }
if hasflag :contains "\\Seen" { fileinto "Wrong"; }
