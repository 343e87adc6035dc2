require ["variables", "fileinto"];
set "box" "Projects";
set "sub" "2024";
fileinto "${box}/${sub}";
