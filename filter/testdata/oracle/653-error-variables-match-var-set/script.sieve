require "variables";
set "0" "x";
