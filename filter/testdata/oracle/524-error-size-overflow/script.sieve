if size :over 999999999999999999999 { keep; }
