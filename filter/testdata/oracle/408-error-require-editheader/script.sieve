require "editheader";
addheader "X-Foo" "bar";
