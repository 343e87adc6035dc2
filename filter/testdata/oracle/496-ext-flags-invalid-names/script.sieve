require "imap4flags";
addflag ["\\Recent", "\\Unknown", "ok", "two words"];
