"""Handing in: the submission archive (zip with a manifest) and the binder PDF, from one check result."""
