require ["variables", "fileinto"];
if header :matches "x-label" "*" { fileinto "L-${1}"; }
