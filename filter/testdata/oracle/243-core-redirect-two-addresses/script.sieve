redirect "a@example.net";
redirect "b@example.net";
