redirect "<@relay.example.net:tim@example.net>";
