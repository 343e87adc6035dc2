require "reject";
reject "No.";
redirect "a@example.net";
