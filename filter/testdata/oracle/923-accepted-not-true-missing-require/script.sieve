if not true { fileinto "Junk"; }
