require ["body", "fileinto"];
if body :text :contains "lunch" { fileinto "TextLunch"; }
if body :raw :contains "charset" { fileinto "Raw"; }
if body :content "text" :matches "*Café*" { fileinto "Cafe"; }
if body :content "multipart" :contains "" { fileinto "Multi"; }
