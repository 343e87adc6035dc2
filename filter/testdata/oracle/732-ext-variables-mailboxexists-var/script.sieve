require ["variables", "mailbox", "fileinto"];
set "b" "Junk";
if mailboxexists "${b}" { fileinto "${b}"; }
