require "vacation";
vacation :subject "Abwesend – zurück am Montag" "Away.";
