require ["fileinto", 5];
