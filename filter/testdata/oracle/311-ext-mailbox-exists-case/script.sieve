require ["mailbox", "fileinto"];
if mailboxexists "inbox" { fileinto "InboxLower"; }
if mailboxexists "junk" { fileinto "Wrong"; }
