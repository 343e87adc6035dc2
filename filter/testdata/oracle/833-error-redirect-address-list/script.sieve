redirect "tim@example.net, bob@example.net";
