require "index";
if header :last :is "subject" "x" { keep; }
