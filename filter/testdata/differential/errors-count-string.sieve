require "relational";
if header :count "ge" "received" "2" { keep; }
