require ["fileinto", "imap4flags"];
setflag "\\Seen";
fileinto "Archive";
addflag "\\Flagged";
