require ["fileinto", "copy"];
fileinto :copy "INBOX";
discard;
keep;
fileinto "inbox";
