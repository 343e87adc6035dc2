redirect "<Tim@Example.NET> (work)";
