require "fileinto";
if header :contains "subject" ["nothing" /* c */, # c2
"lunch"] { fileinto "ListComment"; }
