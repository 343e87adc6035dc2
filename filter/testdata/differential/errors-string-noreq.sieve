if string "a" "a" { keep; }
