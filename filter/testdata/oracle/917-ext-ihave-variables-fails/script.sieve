require ["ihave", "fileinto"];
if ihave "variables" { fileinto "Junk"; } else { fileinto "Archive"; }
