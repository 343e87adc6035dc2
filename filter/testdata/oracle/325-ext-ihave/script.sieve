require ["ihave", "fileinto"];
if ihave "vacation-seconds" { fileinto "Wrong"; } else { fileinto "NoSeconds"; }
if ihave ["fileinto", "copy"] { fileinto "Both"; }
