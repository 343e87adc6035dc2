require ["fileinto", "mailbox"];
fileinto :create "INBOX";
