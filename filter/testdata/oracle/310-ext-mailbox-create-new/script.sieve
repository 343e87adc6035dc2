require ["mailbox", "fileinto"];
if not mailboxexists "Receipts" { fileinto :create "Receipts"; }
