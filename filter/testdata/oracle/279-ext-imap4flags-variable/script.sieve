require ["imap4flags", "variables", "fileinto"];
addflag "myflags" "\\Flagged";
addflag "myflags" "Important";
fileinto :flags "${myflags}" "Archive";
