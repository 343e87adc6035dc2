redirect "tim@example.net garbage";
