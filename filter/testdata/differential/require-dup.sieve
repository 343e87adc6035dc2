require ["fileinto", "fileinto"];
require "envelope";
fileinto "X";
