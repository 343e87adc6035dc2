require "fileinto";
if header :is "subject" text:
..Lunch
.
{ fileinto "Wrong"; }
fileinto text:
..dots
.
;
