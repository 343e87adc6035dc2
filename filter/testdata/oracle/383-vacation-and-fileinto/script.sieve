require ["vacation", "fileinto"];
fileinto "Archive";
vacation :subject "Away" "Away.";
