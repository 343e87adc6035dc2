require "vacation";
vacation :days 365 :subject "Long" "Away.";
