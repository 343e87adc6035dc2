require ["fileinto", "mime", "foreverypart"];
if header :mime :anychild :is "x-test" "a 	b c  �" { fileinto "Decoded"; }
if header :mime :anychild :is "x-test" "a b c �" { fileinto "Trimmed"; }
