if exists "x:y" { keep; }
