require ["variables", "fileinto"];
set :upperfirst "a" "hELLO";
set :lower "b" "WoRLD";
set :upper "c" "abc";
set :lowerfirst "d" "XYZ";
fileinto "${a}-${b}-${c}-${d}";
