require "imap4flags";
addflag "\\Seen";
setflag "";
