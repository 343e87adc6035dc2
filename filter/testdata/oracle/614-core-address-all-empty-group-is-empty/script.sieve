require "fileinto";
if address :all :is "to" "" { fileinto "EmptyAddr"; }
