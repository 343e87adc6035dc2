require ["body", "fileinto"];
if body :contains "usual place" { fileinto "Body"; }
