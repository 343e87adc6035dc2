require ["body", "fileinto"];
if body :content "text" :contains "report attached" { fileinto "TextPrefix"; }
