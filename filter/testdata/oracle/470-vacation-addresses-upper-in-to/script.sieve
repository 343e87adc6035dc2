require "vacation";
vacation :addresses ["ALIAS@SHISAA.JP"] :subject "Away" "Away.";
