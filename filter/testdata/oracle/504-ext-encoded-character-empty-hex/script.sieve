require ["encoded-character", "fileinto"];
fileinto "a${hex:}b";
