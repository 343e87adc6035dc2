require ["date", "relational", "fileinto", "variables", "index"];
if date :zone "+0000" :matches "date" "date" "*" { fileinto "D/${0}"; }
if date :originalzone :is "date" "zone" ["+0900", "+0000", "+0100"] { fileinto "Zone"; }
if date :zone "-0800" :value "ge" "date" "hour" "00" { fileinto "Hour"; }
if date :zone "+0000" :is "date" "weekday" ["0", "1", "2", "3", "4", "5", "6"] { fileinto "Weekday"; }
if date :zone "+0000" :is "date" "julian" "60324" { fileinto "Julian"; }
if date :zone "+0530" :matches "date" "iso8601" "*" { fileinto "I/${0}"; }
if date :zone "+0000" :matches "date" "std11" "*" { fileinto "S/${0}"; }
if currentdate :value "ge" "year" "2020" { fileinto "Now"; }
if date :index 1 :last :zone "+0000" :matches "received" "time" "*" { fileinto "R/${0}"; }
