require ["subaddress", "fileinto"];
if address :detail :is "to" "" { fileinto "EmptyDetail"; }
