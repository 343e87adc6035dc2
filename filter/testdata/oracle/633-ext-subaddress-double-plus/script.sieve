require ["subaddress", "envelope", "fileinto", "variables"];
if envelope :detail :matches "to" "*" { fileinto "D-${1}"; }
