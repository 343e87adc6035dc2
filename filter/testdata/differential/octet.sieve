require "fileinto";
if header :contains :comparator "i;octet" "subject" "offer" { fileinto "Wrong"; }
if header :contains :comparator "i;octet" "subject" "Offer" { fileinto "Right"; }
if header :is :comparator "i;ascii-casemap" "subject" "OFFER FOR THE NEW SERVERS" { fileinto "Fold"; }
if address :is :comparator "i;octet" :domain "from" "EXAMPLE.COM" { fileinto "Dom"; }
