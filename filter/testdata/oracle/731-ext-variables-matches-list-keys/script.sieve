require ["variables", "fileinto"];
if header :matches "subject" ["Dinner *", "Lunch *"] { fileinto "K-${1}"; }
