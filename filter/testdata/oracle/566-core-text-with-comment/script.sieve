require "fileinto";
if header :contains "subject" text: # comment here
Friday
.
{ fileinto "Wrong"; }
