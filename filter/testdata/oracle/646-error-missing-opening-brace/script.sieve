if true keep; }
