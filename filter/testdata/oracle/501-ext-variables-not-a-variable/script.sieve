require ["variables", "fileinto"];
set "a" "v";
fileinto "${ a }${a";
