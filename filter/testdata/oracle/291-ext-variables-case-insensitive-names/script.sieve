require ["variables", "fileinto"];
set "Box" "Mixed";
fileinto "${BOX}";
