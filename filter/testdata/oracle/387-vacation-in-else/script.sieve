require ["vacation", "fileinto"];
if header :contains "subject" "invoice" { fileinto "Billing"; }
else { vacation :subject "Away" "Away."; }
