"""Chasing the units: the tracking workbook, follow-up memos and filing what units send in."""
