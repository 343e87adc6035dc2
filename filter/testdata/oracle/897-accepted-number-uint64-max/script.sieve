require "fileinto";
if size :over 18446744073709551615 { fileinto "Wrong"; }
if size :under 18446744073709551615 { fileinto "Archive"; }
