require "ihave";
if ihave "fileinto" { fileinto "Archive"; }
