require "variables";
set "a" "Tim <TIM@EXAMPLE.NET>";
redirect "${a}";
