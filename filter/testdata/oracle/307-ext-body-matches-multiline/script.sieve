require ["body", "fileinto"];
if body :matches "*Friday*noon*" { fileinto "Matches"; }
