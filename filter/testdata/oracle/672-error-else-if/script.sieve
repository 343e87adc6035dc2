if false { keep; } else if true { stop; }
