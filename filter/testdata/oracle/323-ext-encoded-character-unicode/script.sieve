require ["encoded-character", "fileinto"];
if header :contains "subject" "${unicode:00FC}" { fileinto "Umlaut"; }
