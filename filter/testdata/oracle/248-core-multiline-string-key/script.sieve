require "fileinto";
if header :contains "subject" text:
Friday
.
{ fileinto "Wrong"; }
if header :matches "subject" text:
*Friday*
.
{ fileinto "Wrong2"; }
