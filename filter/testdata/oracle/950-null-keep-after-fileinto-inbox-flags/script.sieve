require ["fileinto", "imap4flags"];
# delivered by dovecot-lda (null sender): keep after fileinto :flags into INBOX
# keeps the flags of the fileinto; sieve-test keeps those of the keep
addflag "Kept";
fileinto :flags "\\Deleted" "INBOX";
keep;
