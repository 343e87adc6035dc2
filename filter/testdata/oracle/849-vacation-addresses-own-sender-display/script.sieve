require "vacation";
vacation :addresses "Alice <ALICE@Example.org>" :subject "Away" "Away.";
