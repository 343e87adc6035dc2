require "comparator-i;ascii-numeric";
if header :contains :comparator "i;ascii-numeric" "x-priority" "3" { keep; }
