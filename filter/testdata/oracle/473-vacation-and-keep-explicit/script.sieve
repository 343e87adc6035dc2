require "vacation";
keep;
vacation :subject "Away" "Away.";
