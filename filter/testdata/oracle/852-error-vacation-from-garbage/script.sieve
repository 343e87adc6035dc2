require "vacation";
vacation :from "Tim <tim@shisaa.jp> garbage" :subject "Away" "Away.";
