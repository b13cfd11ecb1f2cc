"""The list of units as a sheet a person keeps in Excel: what `itapack units export` writes, and
`units import` reads back (pack/unitsheet.py)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from .. import safety
from ..errors import InputError
from ..i18n import _
from ..pack.unitsheet import HEADERS
from . import csvcells


def is_own_sheet(path: Path) -> bool:
    """A list export wrote: an XLSX marked as itapack's, or a CSV that starts with its header row."""
    from .written import is_own_report

    if path.suffix.lower() != ".csv":
        return is_own_report(path)
    read = safety.ends(path)
    header = "\ufeff" + ",".join(HEADERS.values())
    return read is not None and (not read[0] or read[0].decode("utf-8", "replace").startswith(header))


def write_sheet(path: Path, rows: Iterable[list[str]]) -> None:
    """CSV as Excel reads Thai (UTF-8 with a BOM; no cell runs as a formula), or an XLSX with a bold
    header row. A file already there is replaced only if an earlier export wrote it."""
    rows = list(rows)
    if path.suffix.lower() == ".csv":
        with safety.writing(path, ours=is_own_sheet) as stream:
            stream.write("\ufeff")
            csvcells.writer(stream, lineterminator="\r\n").writerows(rows)
        return
    if path.suffix.lower() != ".xlsx":
        raise InputError(_("{path}: เขียนได้เฉพาะไฟล์ .csv หรือ .xlsx").format(path=path))
    import xlsxwriter

    from ..outputs.report import MARKER

    buffer = io.BytesIO()
    safety.check_target(path, ours=is_own_sheet)  # before the workbook is built
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_urls": False})
    book.set_properties({"title": "รายชื่อหน่วยงาน", "category": MARKER})  # how a later export knows it
    sheet = book.add_worksheet("หน่วยงาน")
    bold = book.add_format({"bold": True})
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row, bold if r == 0 else None)
    for c, width in enumerate((24, 48, 14, 22, 24, 36)):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 0)
    book.close()
    from .seal import sealed_bytes

    safety.write_bytes(path, sealed_bytes(buffer.getvalue()), ours=is_own_sheet)
