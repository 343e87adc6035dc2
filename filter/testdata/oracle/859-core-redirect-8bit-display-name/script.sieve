redirect "Jörg <tim@example.net>";
