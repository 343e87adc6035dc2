if true { keep; } elsif { stop; }
