require "vacation";
vacation :days 2 "I am away.";
