require ["variables", "fileinto"];
set :length "n" "Grüße";
fileinto "len${n}";
