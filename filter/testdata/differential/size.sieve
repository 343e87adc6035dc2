require "fileinto";
if size :over 1K { fileinto "Over1K"; }
if size :under 1k { fileinto "Under1k"; }
if size :over 100M { fileinto "Huge"; }
if not not size :under 2K { fileinto "NotNot"; }
