require ["fileinto", "imap4flags"];
fileinto :flags ["\\Seen", "\\flagged"] "Archive";
