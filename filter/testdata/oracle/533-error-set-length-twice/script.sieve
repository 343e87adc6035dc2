require "variables";
set :length :length "a" "b";
