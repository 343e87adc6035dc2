require ["fileinto", "envelope"];
if envelope "from" "TIM@SHISAA.JP" { fileinto "Shisaa"; }
