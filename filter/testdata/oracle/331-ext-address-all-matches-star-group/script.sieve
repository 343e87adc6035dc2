require ["variables", "fileinto"];
if address :all :matches "to" "*" { fileinto "First-${1}"; }
