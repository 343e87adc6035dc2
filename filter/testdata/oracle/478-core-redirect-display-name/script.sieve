redirect "Tim Other <tim@example.net>";
