require ["environment", "fileinto"];
if environment :contains ["domain"] "example" { fileinto "Archive"; }
