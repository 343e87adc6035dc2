if header :regex "subject" "^L" { keep; }
