require ["variables", "fileinto"];
if header :matches "subject" "Lunch on *?" { fileinto "Day-${1}-${0}"; }
