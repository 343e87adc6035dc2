if not { keep; }
