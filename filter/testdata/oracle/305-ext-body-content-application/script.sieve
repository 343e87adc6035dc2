require ["body", "fileinto"];
if body :content "application/octet-stream" :contains "hidden" { fileinto "Attach"; }
