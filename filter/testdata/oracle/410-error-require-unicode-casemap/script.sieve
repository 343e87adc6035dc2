require "comparator-i;unicode-casemap";
