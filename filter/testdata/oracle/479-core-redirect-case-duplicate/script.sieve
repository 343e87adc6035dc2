redirect "Bob@Example.net";
redirect "bob@example.net";
