require ["vacation", "variables"];
set "me" "alias@shisaa.jp";
vacation :addresses ["${me}"] :subject "Away" "Away.";
