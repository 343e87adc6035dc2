redirect "no at sign";
