require "vacation";
vacation :handle "h1" :subject "Handled" "Away.";
