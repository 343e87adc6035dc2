require ["variables", "fileinto"];
if header :matches "subject" "*u*c*o*F*r*d*y*" { fileinto "G${10}-${8}"; }
