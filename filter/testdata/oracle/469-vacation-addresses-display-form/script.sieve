require "vacation";
vacation :addresses ["Tim Alias <alias@shisaa.jp>"] :subject "Away" "Away.";
