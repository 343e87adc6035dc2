require ["vacation", "reject"];
reject "No.";
vacation "Away.";
