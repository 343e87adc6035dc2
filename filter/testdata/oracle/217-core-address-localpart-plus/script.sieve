require "fileinto";
if address :localpart :is "to" "tim+lists" { fileinto "Lists"; }
