require ["environment", "fileinto"];
if environment :is "name" "Pigeonhole" { fileinto "Pigeonhole"; }
