require "regex";
if header :regex "subject" "(?i)lunch" { keep; }
