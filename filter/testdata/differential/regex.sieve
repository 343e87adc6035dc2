require ["regex", "variables", "fileinto", "envelope"];
if header :regex "subject" "^([A-Za-z]+) (.*)$" { fileinto "R/${1}/${2}"; }
if address :regex :localpart "from" "^([a-z]+)\\.?(.*)$" { fileinto "A/${1}/${2}"; }
if envelope :regex "to" "SHISAA" { fileinto "EnvFold"; }
if header :regex :comparator "i;octet" "subject" "[a-z]+ [0-9]" { fileinto "Octet"; }
if not header :regex "x-nope" ".*" { fileinto "Missing"; }
