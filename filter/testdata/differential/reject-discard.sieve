require "reject";
discard;
reject "not wanted";
