redirect "TIM@example.net";
