require ["variables", "fileinto"];
fileinto "X${nosuch}Y";
