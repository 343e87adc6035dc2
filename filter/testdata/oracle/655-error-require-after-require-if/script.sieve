require "fileinto";
if true { keep; }
require "vacation";
