redirect "tim@EXAMPLE.NET";
