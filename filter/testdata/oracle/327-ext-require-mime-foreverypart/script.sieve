require ["mime", "foreverypart", "fileinto"];
if header :mime :contains "content-type" "text/plain" { fileinto "Plain"; }
