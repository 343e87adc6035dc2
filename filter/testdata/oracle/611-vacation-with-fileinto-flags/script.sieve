require ["vacation", "fileinto", "imap4flags"];
fileinto :flags "\\Seen" "Archive";
vacation :subject "Away" "Away.";
