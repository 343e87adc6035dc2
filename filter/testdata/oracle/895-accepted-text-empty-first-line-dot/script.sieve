require ["variables", "fileinto"];
if header :is "x-missing" text:
.
{ fileinto "Wrong"; }
if string :is "" text:
.
{ fileinto "Archive"; }
