redirect ["a@example.net", "b@example.net"];
