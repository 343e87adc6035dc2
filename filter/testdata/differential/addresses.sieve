require ["fileinto", "variables", "relational", "comparator-i;ascii-numeric", "subaddress"];
if address :is "from" "john.doe@example.com" { fileinto "From"; }
if address :is "to" "tim@shisaa.jp" { fileinto "ToAfterBad"; }
if address :count "eq" :comparator "i;ascii-numeric" "cc" "3" { fileinto "Cc3"; }
if address :count "eq" :comparator "i;ascii-numeric" "cc" "2" { fileinto "Cc2"; }
if address :is "cc" "a@example.net" { fileinto "Group"; }
if address :is "cc" "jane@example.com" { fileinto "Jane"; }
if address :count "eq" :comparator "i;ascii-numeric" "reply-to" "0" { fileinto "NoReplyTo"; }
if address :domain :is "sender" "example.de" { fileinto "Sender"; }
if header :contains "sender" "Jürgen" { fileinto "SenderName"; }
if header :is "subject" "Über tests" { fileinto "Subj"; }
if address :localpart :is "resent-from" "postmaster" { fileinto "Postmaster"; }
if address :all :is "resent-from" "postmaster" { fileinto "PostmasterAll"; }
if address :matches "to" "*" { fileinto "ToAny/${1}"; }
if address :user :is "from" "john.doe" { fileinto "User"; }
