require ["vacation", "encoded-character"];
vacation :subject "Away ${unicode:263A}" "Away.";
