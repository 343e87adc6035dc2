require ["fileinto", "envelope", "vacation", "imap4flags"];

if header :is "X-Spam-Flag" "YES" {
    fileinto :flags "\\Seen" "Junk";
    stop;
}
if envelope :is "from" "boss@example.com" {
    addflag "\\Flagged";
}
vacation :days 1 :subject "Out of office" :addresses ["tim@example.com"]
    "I am away until Monday.";
