require ["vacation", "variables"];
set "alias" "Tim Alias <alias@shisaa.jp>";
vacation :addresses "${alias}" :subject "Away" "Away.";
