require ["imap4flags", "variables"];
addflag ["flagvar"] "\\Seen";
