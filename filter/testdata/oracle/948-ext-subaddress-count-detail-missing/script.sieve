require ["relational", "fileinto", "subaddress", "envelope", "comparator-i;ascii-numeric"];
# :count counts the addresses, also those without a detail part
if address :detail :count "eq" :comparator "i;ascii-numeric" "from" "1" { fileinto "AddressDetail"; }
if envelope :detail :count "eq" :comparator "i;ascii-numeric" "from" "1" { fileinto "EnvelopeDetail"; }
if address :detail :count "eq" :comparator "i;octet" "from" "1" { fileinto "Octet"; }
if address :detail :is "from" "" { fileinto "EmptyDetail"; }
