require "fileinto";
if header :contains "subject" "" { fileinto "HasSubject"; }
if header :contains "x-missing" "" { fileinto "Wrong"; }
