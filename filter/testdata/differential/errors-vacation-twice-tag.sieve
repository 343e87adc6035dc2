require "vacation";
vacation :subject "a" :subject "b" "reason";
