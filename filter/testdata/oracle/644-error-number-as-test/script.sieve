if 5 { keep; }
