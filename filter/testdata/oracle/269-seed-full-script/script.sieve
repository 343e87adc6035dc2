require ["fileinto", "envelope", "vacation"];
if header :contains "X-Spam-Flag" "YES" { fileinto "Junk"; stop; }
if envelope "from" "boss@example.com" { fileinto "Boss"; }
vacation :days 1 :subject "Out of office" :addresses ["tim@shisaa.jp"] "Back on Monday.";
