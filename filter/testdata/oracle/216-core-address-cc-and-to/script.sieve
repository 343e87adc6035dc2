require "fileinto";
if address :is ["to", "cc"] "carol@example.com" { fileinto "Carol"; }
