require "fileinto";
if header :contains "subject" "invoice" { fileinto "Billing"; }
elsif header :contains "subject" "friday" { fileinto "Social"; }
else { fileinto "Other"; }
