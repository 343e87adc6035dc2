if header :like "subject" "x" { keep; }
