if mailboxexists "Archive" { keep; }
