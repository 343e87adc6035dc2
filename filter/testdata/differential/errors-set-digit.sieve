require "variables";
set "1a" "x";
