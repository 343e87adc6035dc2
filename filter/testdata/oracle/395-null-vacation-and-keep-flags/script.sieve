require ["vacation", "imap4flags"];
addflag "\\Flagged";
vacation :subject "Away" "Away.";
