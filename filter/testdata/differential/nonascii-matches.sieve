require ["fileinto", "variables"];
if header :matches "subject" "*é*" { fileinto "M/${1}"; }
if header :contains "subject" "CRÈME" { fileinto "FoldNonAscii"; }
if header :contains "subject" "crème" { fileinto "Contains"; }
if header :is :comparator "i;octet" "subject" "Café crème à la gare" { fileinto "Octet"; }
if string :matches "ü" "?" { fileinto "OneChar"; }
