require ["mailbox", "fileinto"];
if mailboxexists ["Trash", "Junk", "INBOX"] { fileinto "AllThree"; }
