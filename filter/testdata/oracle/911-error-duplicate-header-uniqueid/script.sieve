require ["duplicate", "fileinto"];
if duplicate :header "message-id" :uniqueid "x" { fileinto "Archive"; }
