require ["body", "fileinto"];
if body :raw :contains "Lunch on Friday" { fileinto "Wrong"; }
