require ["body", "fileinto"];
if body :text :contains "Café meeting" { fileinto "Decoded"; }
