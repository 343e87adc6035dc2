require ["variables", "fileinto"];
fileinto "x${env.foo}y";
