if header :count "eq" "subject" "1" { keep; }
