if exists "bad:name" { keep; }
