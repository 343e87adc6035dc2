require "vacation";
vacation :weeks 1 "Away.";
