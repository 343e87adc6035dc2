redirect "tim";
