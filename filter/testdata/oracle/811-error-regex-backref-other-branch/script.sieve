require ["regex", "variables", "fileinto"];
if header :regex "subject" "(Lunch)|x\\1" { fileinto "Wrong"; }
