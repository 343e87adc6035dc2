if header :is "bad header" "x" { keep; }
