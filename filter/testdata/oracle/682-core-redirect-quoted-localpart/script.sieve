redirect "\"tim smith\"@example.net";
