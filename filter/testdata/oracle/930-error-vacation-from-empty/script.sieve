require "vacation";
vacation :from "" "I am away.";
