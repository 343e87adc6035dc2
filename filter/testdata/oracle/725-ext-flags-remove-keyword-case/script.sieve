require "imap4flags";
addflag ["$Work", "\\Seen"];
removeflag "$WORK";
