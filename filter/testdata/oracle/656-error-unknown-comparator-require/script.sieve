require "comparator-i;foo";
