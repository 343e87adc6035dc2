require "vacation";
vacation :addresses ["t.sh@shisaa.jp"] "Away.";
