require ["imap4flags", "fileinto", "copy"];
setflag "\\Answered";
keep :flags ["\\Flagged"];
fileinto :copy :flags "$A $B" "Archive";
addflag "$C";
