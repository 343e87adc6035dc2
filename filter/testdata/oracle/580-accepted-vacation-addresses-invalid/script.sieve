require "vacation";
vacation :addresses ["not an address"] "Away.";
