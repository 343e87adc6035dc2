require "vacation";
vacation :addresses ["not an address", "alias@shisaa.jp"] :subject "Away" "Away.";
