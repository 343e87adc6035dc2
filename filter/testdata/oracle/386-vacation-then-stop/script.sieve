require ["vacation", "fileinto"];
vacation :subject "Away" "Away.";
stop;
fileinto "Wrong";
