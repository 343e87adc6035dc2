require "imap4flags";
addflag ["\\SEEN", "\\answered", "$Forwarded"];
