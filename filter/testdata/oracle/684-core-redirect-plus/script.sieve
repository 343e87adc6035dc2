redirect "tim+tag@example.net";
