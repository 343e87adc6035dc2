require "vacation";
vacation :days 2 :subject "a	b" "I am away.";
