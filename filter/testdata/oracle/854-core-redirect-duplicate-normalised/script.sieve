redirect "Bob@Example.net";
redirect "<Bob@example.NET> (again)";
