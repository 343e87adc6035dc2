require "imap4flags";
keep :flags "\\Answered $Label1";
