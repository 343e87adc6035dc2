require ["duplicate", "fileinto"];
fileinto "Dup";
