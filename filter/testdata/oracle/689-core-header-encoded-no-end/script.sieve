require "fileinto";
if header :contains "subject" "=?UTF-8?Q?abc" { fileinto "Literal"; }
