require ["variables", "fileinto"];
if header :matches "subject" "Lunch *" { }
if header :matches "subject" "Dinner *" { }
fileinto "G-${1}";
