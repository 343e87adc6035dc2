require ["envelope", "fileinto", "subaddress", "variables"];
if envelope :all :is "to" "tim@shisaa.jp" { fileinto "To"; }
if envelope :domain :is "to" "SHISAA.JP" { fileinto "ToDom"; }
if envelope :matches "from" "*@*" { fileinto "F/${1}/${2}"; }
if envelope :detail "to" "" { fileinto "EmptyDetail"; }
if envelope :user "to" "tim" { fileinto "User"; }
