redirect "tim@shisaa.jp";
