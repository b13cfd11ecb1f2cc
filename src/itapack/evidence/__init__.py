"""The file side: one scan of the evidence, files placed by document and unit, verdicts."""
