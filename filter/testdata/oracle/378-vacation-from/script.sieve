require "vacation";
vacation :from "Tim Away <tim@shisaa.jp>" :subject "Away" "Away.";
