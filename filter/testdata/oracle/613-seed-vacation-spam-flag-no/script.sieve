require ["fileinto", "vacation"];
if header :is "X-Spam-Flag" "YES" { fileinto "Junk"; stop; }
vacation :days 1 :subject "Out of office" :addresses ["tim@shisaa.jp"] "Back on Monday.";
