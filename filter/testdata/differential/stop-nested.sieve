require ["fileinto", "imap4flags"];
addflag "\\Flagged";
if true { fileinto "A"; if true { stop; } }
fileinto "B";
