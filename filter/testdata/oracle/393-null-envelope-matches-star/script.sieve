require ["envelope", "fileinto"];
if envelope :matches "from" "*" { fileinto "Star"; }
if envelope :all :is "from" "MAILER-DAEMON" { fileinto "Wrong"; }
