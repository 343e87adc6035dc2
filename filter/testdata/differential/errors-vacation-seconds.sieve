require ["vacation", "vacation-seconds"];
vacation :seconds 10 "x";
