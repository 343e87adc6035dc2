require "imap4flags";
addflag "\\Seen \\Seen  \\seen";
