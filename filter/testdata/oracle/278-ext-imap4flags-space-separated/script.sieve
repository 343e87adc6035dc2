require "imap4flags";
setflag "\\Seen  \\Answered";
addflag "\\Answered";
