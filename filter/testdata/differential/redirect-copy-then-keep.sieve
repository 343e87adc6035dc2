require "copy";
redirect :copy "x@example.net";
redirect :copy "x@example.net";
redirect "x@example.net";
