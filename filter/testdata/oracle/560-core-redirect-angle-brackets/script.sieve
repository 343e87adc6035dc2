redirect "<tim@example.net>";
