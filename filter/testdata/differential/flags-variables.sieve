require ["imap4flags", "variables", "fileinto"];
set "f" "\\Answered $Label1";
addflag "myflags" "${f}";
addflag "myflags" "\\answered";
removeflag "myflags" "$label1";
fileinto :flags "${myflags}" "Archive";
addflag ["\\Deleted", "\\DRAFT"];
if hasflag :contains "draft" { fileinto "Draft"; }
