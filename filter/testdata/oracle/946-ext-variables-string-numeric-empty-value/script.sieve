require ["variables", "fileinto", "comparator-i;ascii-numeric"];
# with :is an empty value only matches an empty key
if string :is :comparator "i;ascii-numeric" "" "example.com" { fileinto "EmptyValue"; }
if string :is :comparator "i;ascii-numeric" "abc" "" { fileinto "EmptyKey"; }
