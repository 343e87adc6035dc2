redirect "assistant@example.net";
keep;
