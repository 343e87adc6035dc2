require ["body", "fileinto"];
if body :raw :contains "aGlkZGVu" { fileinto "Raw"; }
if body :text :contains "hidden password" { fileinto "Wrong"; }
