require ["body", "fileinto"];
if body :content "text/html" :contains "<b>Café" { fileinto "HtmlB64"; }
