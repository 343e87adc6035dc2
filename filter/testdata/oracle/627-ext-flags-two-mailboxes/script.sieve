require ["imap4flags", "fileinto"];
fileinto :flags "\\Seen" "Archive";
fileinto :flags "\\Flagged" "Trash";
