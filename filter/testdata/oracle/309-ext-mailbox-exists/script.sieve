require ["mailbox", "fileinto"];
if mailboxexists "Archive" { fileinto "Archive"; }
if mailboxexists ["Archive", "Nope"] { fileinto "Wrong"; }
