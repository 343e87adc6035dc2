require "vacation";
vacation "I am away." :days 3;
