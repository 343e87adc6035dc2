require "envelope";
if envelope "x-foo" "a" { keep; }
