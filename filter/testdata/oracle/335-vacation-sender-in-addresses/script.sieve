require "vacation";
vacation :addresses ["alice@example.org"] "Away.";
