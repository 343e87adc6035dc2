require ["variables", "fileinto"];
set "a" "tim@";
fileinto "Archive";
redirect "${a}";
