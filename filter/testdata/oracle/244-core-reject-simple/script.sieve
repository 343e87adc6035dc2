require "reject";
reject "I do not accept messages about lunch.";
