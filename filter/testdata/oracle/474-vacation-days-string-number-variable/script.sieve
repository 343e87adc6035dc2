require ["vacation", "variables"];
set "d" "3";
vacation :days 3 :subject "${d} days" "Away.";
