require ["body", "fileinto", "comparator-i;ascii-numeric"];
if body :is :comparator "i;ascii-numeric" "042" { fileinto "Equal"; }
if body :raw :is :comparator "i;ascii-numeric" "41" { fileinto "Differs"; }
if body :text :is :comparator "i;ascii-numeric" "apples" { fileinto "NotNumber"; }
