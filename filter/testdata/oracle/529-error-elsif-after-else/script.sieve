if true { keep; } else { stop; } elsif false { keep; }
