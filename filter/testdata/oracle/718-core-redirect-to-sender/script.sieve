redirect "alice@example.org";
keep;
