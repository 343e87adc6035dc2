require ["body", "fileinto"];
if body :text :contains "Grüße aus Köln" { fileinto "Latin1"; }
