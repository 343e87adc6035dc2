require ["body", "fileinto"];
if body :text :contains "swordfish" { fileinto "B64Text"; }
if body :raw :contains "swordfish" { fileinto "Wrong"; }
