require "fileinto";
if allof (anyof (false, header :contains "subject" "lunch"), not exists "x-spam-flag") { fileinto "Nested"; }
if not anyof (true, false) { fileinto "Wrong"; }
