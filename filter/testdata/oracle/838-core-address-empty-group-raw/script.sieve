require "fileinto";
if address :all :is "to" "undisclosed-recipients:;" { fileinto "Found"; }
