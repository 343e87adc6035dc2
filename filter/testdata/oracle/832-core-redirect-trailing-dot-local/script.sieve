redirect "john.@example.net";
