require ["vacation", "copy"];
redirect :copy "assistant@example.net";
vacation :subject "Away" "Away.";
