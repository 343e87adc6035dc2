require ["body", "fileinto"];
if body :text :contains "inner secret" { fileinto "Nested"; }
