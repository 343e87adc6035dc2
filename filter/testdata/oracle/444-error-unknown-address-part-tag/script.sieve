if address :user "to" "tim" { keep; }
