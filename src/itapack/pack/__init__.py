"""The YAML side: a pack's files read, validated and turned into the model check uses."""
