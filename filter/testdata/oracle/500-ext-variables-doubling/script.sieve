require ["variables", "fileinto"];
set "x" "ab";
set "x" "${x}${x}";
fileinto "${x}";
