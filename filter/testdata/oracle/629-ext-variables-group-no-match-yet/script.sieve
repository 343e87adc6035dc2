require ["variables", "fileinto"];
fileinto "X${1}Y${0}Z";
