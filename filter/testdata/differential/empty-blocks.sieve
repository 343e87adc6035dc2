require "fileinto";
if true { }
if false { } elsif true { fileinto "Elsif"; } else { }
discard;
discard;
