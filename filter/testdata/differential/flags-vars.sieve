require ["imap4flags", "variables", "fileinto"];
setflag "fl" "\\Seen $One";
addflag "fl" "$Two";
fileinto :flags "${fl}" "Archive";
if hasflag :matches "fl" "$T*" { fileinto "HasT"; }
keep :flags "${fl} \\Answered";
