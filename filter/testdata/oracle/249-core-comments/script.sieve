# hash comment
require /* inline */ "fileinto";
/* block
   comment */ fileinto "Commented"; # trailing
