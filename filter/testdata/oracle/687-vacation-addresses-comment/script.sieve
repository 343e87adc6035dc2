require "vacation";
vacation :addresses ["alias@shisaa.jp (home)"] :subject "Away" "Away.";
