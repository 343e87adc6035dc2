require "fileinto";
if header :contains ["subject", "from"] ["nothing", "ALICE"] { fileinto "Any"; }
