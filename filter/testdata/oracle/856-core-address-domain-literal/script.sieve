require "fileinto";
if address :domain :is "to" "[127.0.0.1]" { fileinto "Found"; }
