require "vacation";
vacation :days 99999999999 "Away.";
