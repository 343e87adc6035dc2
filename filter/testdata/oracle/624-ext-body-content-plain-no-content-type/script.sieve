require ["body", "fileinto"];
if body :content "text/plain" :contains "noon" { fileinto "DefaultPlain"; }
