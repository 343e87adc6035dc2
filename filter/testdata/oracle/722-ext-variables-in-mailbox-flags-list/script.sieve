require ["imap4flags", "variables", "fileinto"];
set "f" "\\Seen \\Flagged";
fileinto :flags ["${f}", "X"] "Archive";
