require "variables";
set ["name"] "value";
