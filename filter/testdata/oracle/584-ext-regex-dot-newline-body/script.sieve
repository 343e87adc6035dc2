require ["regex", "body", "fileinto"];
if body :regex "Tim,.are" { fileinto "DotNewline"; }
