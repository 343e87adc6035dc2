require ["fileinto", "subaddress"];
if address :detail :is "to" "" { fileinto "Found"; }
