require "vacation";
vacation :subject ["Away"] "I am away.";
