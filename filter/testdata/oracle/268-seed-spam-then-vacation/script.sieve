require ["fileinto", "vacation"];
if header :contains "X-Spam-Flag" "YES" { fileinto "Junk"; }
vacation :days 1 :subject "Away" "Back soon.";
