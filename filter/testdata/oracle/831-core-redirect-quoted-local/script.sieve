redirect "\"john doe\"@Example.net";
