require "vacation";
vacation text:
I'm away
