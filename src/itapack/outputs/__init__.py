"""Ways to show a CheckResult. Each reads the result only; none scans or decides."""
