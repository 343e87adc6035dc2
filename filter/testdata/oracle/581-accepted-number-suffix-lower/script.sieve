if size :over 1k { keep; }
