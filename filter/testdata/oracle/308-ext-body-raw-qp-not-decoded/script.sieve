require ["body", "fileinto"];
if body :raw :contains "Gr=C3=BC" { fileinto "RawQP"; }
