REQUIRE ["FileInto", "IMAP4Flags"];
IF Header :IS "SUBJECT" "offer for the new servers" { FileInto "Case"; }
If AnyOf (Exists "TO", FALSE) { AddFlag "\\SEEN"; KEEP; }
