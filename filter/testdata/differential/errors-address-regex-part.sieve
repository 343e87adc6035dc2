require ["regex"];
if address :regex :detail "to" "x" { keep; }
