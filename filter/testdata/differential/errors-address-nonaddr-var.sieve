require ["variables"];
set "h" "subject";
if address :is "${h}" "x" { keep; }
