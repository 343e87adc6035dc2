require ["body", "fileinto"];
if body :content "message/rfc822" :contains "Inner subject" { fileinto "Rfc822"; }
