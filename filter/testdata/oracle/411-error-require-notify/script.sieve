require "notify";
