require ["variables", "fileinto"];
set :length :upper "n" "abc";
set :upper :lowerfirst "m" "hello";
fileinto "${n}-${m}";
