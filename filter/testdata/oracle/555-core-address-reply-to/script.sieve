require "fileinto";
if address :is "reply-to" "list@example.org" { fileinto "ReplyTo"; }
