require ["imap4flags", "fileinto"];
addflag ["\\Recent", "\\Bogus", "$ok", "bad(flag", ""];
fileinto "Archive";
