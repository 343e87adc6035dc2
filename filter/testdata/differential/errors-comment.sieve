/* unterminated comment
keep;
