require ["imap4flags", "fileinto"];
setflag "\\seen";
if hasflag :is "\\SEEN" { fileinto "Has"; }
