if header :is "subject" ["a",] { keep; }
