require "fileinto";
if header :is "x-nope" "1" { fileinto "One"; }
elsif header :is "x-nope" "2" { fileinto "Two"; }
elsif exists "subject" { fileinto "Three"; if false { fileinto "Never"; } elsif true { fileinto "Nested"; } }
else { fileinto "Else"; }
