require ["subaddress", "fileinto"];
if not address :detail :matches "to" "*" { fileinto "NoPlus"; }
