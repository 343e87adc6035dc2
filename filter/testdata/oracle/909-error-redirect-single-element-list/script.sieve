redirect ["tim@example.net"];
