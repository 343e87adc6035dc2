require ["imap4flags", "fileinto"];
addflag "\\Seen";
keep :flags "\\Flagged";
fileinto "Archive";
