require"fileinto";fileinto"Tight";
