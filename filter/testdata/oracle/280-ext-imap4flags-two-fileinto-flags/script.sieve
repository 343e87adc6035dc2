require ["fileinto", "imap4flags"];
fileinto :flags "\\Seen" "Archive";
fileinto :flags "\\Flagged" "Archive";
