if address :is "from" { keep; }
