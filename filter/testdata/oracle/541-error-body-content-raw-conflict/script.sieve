require "body";
if body :raw :content "text" :contains "x" { keep; }
