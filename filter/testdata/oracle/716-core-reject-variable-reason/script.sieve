require ["reject", "variables"];
if header :matches "subject" "*" { reject "Refused: ${1}"; }
