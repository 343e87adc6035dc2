require ["subaddress", "fileinto", "variables"];
if address :detail :matches "to" "*" { fileinto "D-${1}"; }
