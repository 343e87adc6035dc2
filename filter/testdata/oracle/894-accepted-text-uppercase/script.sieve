require "fileinto";
if header :contains "subject" TEXT:
Lunch
.
{ fileinto "Wrong"; } else { fileinto "Archive"; }
