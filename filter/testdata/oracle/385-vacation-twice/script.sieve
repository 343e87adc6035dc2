require "vacation";
vacation :subject "One" "Away.";
vacation :subject "Two" "Away again.";
