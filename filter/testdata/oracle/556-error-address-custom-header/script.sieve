if address :is "x-custom" "a@b.c" { keep; }
