if size :over 10Kx { keep; }
