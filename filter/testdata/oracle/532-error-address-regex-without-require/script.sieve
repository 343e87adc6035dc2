if address :regex "from" "a" { keep; }
