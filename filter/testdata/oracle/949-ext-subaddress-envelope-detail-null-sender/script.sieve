require ["envelope", "fileinto", "subaddress"];
# every address part of the null sender is the empty string, :detail too
if envelope :detail :is "from" "" { fileinto "DetailEmpty"; }
if envelope :detail :matches "from" "*" { fileinto "DetailAny"; }
if envelope :user :is "from" "" { fileinto "UserEmpty"; }
if envelope :detail :is "to" "work" { fileinto "ToDetail"; }
