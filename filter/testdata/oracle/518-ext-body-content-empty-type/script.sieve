require ["body", "fileinto"];
if body :content "" :contains "hidden" { fileinto "AnyType"; }
