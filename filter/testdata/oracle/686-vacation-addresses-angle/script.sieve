require "vacation";
vacation :addresses ["<alias@shisaa.jp>"] :subject "Away" "Away.";
