require ["fileinto", "variables"];
set :lowerfirst "a" "ÄÖü";
set :upperfirst "b" "éa";
set :lower "c" "ÄB";
set :upper "d" "äb";
set :upper :lowerfirst "e" "ärger";
fileinto "${a}-${b}-${c}-${d}-${e}";
