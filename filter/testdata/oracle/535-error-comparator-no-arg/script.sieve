if header :comparator :is "subject" "x" { keep; }
