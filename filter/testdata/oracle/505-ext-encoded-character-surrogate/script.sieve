require ["encoded-character", "fileinto"];
fileinto "a${unicode:D800}b";
