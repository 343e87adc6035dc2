redirect "tim@example.net (Tim)";
