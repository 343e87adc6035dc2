require ["variables", "envelope"];
set "who" "fwd";
redirect "${who}@example.net";
