require ["fileinto", "imap4flags"];
setflag "\\Deleted";
fileinto :copy "Trash";
removeflag "\\Deleted";
