require "imap4flags";
keep :flags "\\Seen";
addflag "\\Flagged";
