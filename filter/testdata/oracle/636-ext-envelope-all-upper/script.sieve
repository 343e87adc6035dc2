require ["envelope", "fileinto"];
if envelope :all :comparator "i;octet" :is "to" "tim@shisaa.jp" { fileinto "Octet"; }
