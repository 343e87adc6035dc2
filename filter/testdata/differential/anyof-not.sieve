require ["fileinto", "envelope", "subaddress"];
if anyof (not exists "x-nope", false) { fileinto "A"; }
if allof (true, not true) { fileinto "Wrong"; } elsif not allof(false) { fileinto "B"; } else { fileinto "C"; }
if envelope :localpart :is "to" "tim" { fileinto "Env"; }
if envelope :domain :is "from" ["example.org", "example.com"] { fileinto "EnvDom"; }
if address :user "to" "tim" { fileinto "User"; }
if address :detail :matches "to" "*" { fileinto "Detail"; }
