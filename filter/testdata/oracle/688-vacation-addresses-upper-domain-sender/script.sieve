require "vacation";
vacation :addresses ["alice@EXAMPLE.org"] :subject "Away" "Away.";
