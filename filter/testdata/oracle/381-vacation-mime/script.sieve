require "vacation";
vacation :mime :subject "Mime" text:
Content-Type: text/plain; charset=utf-8

I am away.
.
;
