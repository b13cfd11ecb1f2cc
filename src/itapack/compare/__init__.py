"""This year against last: two packs' checks (and results) side by side."""
