redirect "assistant@example.net";
