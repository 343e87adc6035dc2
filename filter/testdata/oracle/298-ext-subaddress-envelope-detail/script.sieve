require ["subaddress", "envelope", "fileinto", "variables"];
if envelope :detail :matches "to" "*" { fileinto "Detail-${1}"; }
