require "comparator-i;ascii-numeric";
if header :matches :comparator "i;ascii-numeric" "x-priority" "3*" { keep; }
