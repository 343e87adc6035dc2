require "fileinto";
if header :contains ["x-nope", "subject"] ["zzz", "e"] { fileinto "Multi"; }
if header :is "subject" "" { fileinto "Empty"; }
if header :matches "date" "*2024*" { fileinto "Y2024"; }
if exists "MIME-Version" { fileinto "Mime"; }
if address :all :is "from" "" { fileinto "EmptyAddr"; }
if address :domain :is "to" "SHISAA.JP" { fileinto "DomFold"; }
if header :contains "received" "from" { fileinto "Rcvd"; }
