"""CSV a person opens in Excel or LibreOffice, made so that no cell runs as a formula.

A file named "=HYPERLINK(…).pdf", or a unit called "+1 อบต.", would otherwise be a formula the
moment the sheet opens (OWASP: CSV injection). Every CSV writer of itapack goes through here: a
cell that starts with = + - @, a tab or a carriage return gets a single quote in front, which the
spreadsheet shows as text and hides. JSON and the zip keep the exact names.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: Any) -> Any:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class SafeWriter:
    """csv.writer's writerow and writerows, every cell neutralised."""

    def __init__(self, stream: Any, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralised(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: Any, **options: Any) -> SafeWriter:
    return SafeWriter(stream, **options)


def dict_writer(stream: Any, fieldnames: Iterable[str], **options: Any) -> csv.DictWriter:
    """csv.DictWriter whose rows, header included, go through a SafeWriter."""
    made = csv.DictWriter(stream, fieldnames, **options)
    made.writer = SafeWriter(stream, **{k: v for k, v in options.items() if k not in ("restval", "extrasaction")})
    return made
