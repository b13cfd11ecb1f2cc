"""A worksheet that writes the workbook's long sheets (every file, every requirement) in whole rows.

XlsxWriter writes a cell at a time: a cell object, its checks, five regular expressions, a write
to its temporary file. At 8,303 units the files and data sheets hold 726,000 rows, and that
machinery was most of the export. Here a row of a known shape is one `str.format` of a template
made once per shape, and rows go to the file a thousand at a time; the XML is byte for byte what
XlsxWriter writes for the same cells (a test holds it). A row the template cannot carry as it is
(text to escape, control characters, spaces at an end) goes XlsxWriter's own way.

It leans on XlsxWriter's constant-memory internals (`_write_single_row`, `_write_row`, the row
file `fh`); if a release renames them, the tests fail rather than the workbook.
"""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

# A column of a row shape: ("text", format), ("number", format), ("link", format), or None for
# an empty cell; a format of None is the column's own, as XlsxWriter takes it. Values: one str
# per text or number (a number already formatted), three per link (the target and the shown
# path, each with " doubled, then the shown path as it is).
Column = tuple[str, Format | None] | None
Shape = tuple[Column, ...]
_VALUES = {"text": 1, "number": 1, "link": 3}
_BATCH = 1000  # rows per write to the row file
_TEMPLATES = 256  # shapes kept; a sheet of many (a status per document and unit) makes each anew
_SEPARATOR = "|"  # printable, so one isprintable() checks every value of a row at once


class FastSheet(Worksheet):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self._templates: dict[tuple[Shape, Any], tuple[str, int, int]] = {}  # a row, its first and last column
        self._pending: list[str] = []
        self._first_pending = -1
        self._last_fast = -1  # the last row written here
        self._columns = (self.xls_colmax, -1)  # the first and last column of the rows waiting

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        """XlsxWriter runs some 30 regular expressions over every formula to spell out Excel's
        newer functions; HYPERLINK is not one of them."""
        if formula.startswith("=HYPERLINK("):
            return formula[1:]
        return super()._prepare_formula(formula, expand_future_functions)

    def excel_date(self, day: date) -> str:
        """A date as a number cell's value, spelled as XlsxWriter spells it."""
        return shown(self._convert_date_time(day))

    def fast_row(self, row: int, shape: Shape, values: Sequence[str]) -> bool:
        """Write a row of this shape after every row written so far (its height as set_row set
        it). False, with nothing written, when it must go XlsxWriter's way (the caller then
        writes it cell by cell)."""
        if not self.constant_memory or row <= self.previous_row or row >= self.xls_rowmax or row in self.comments:
            return False
        settings = self.row_info.get(row)
        if settings is not None and (settings.row_format or settings.hidden or settings.level or settings.collapsed):
            return False
        joined = _SEPARATOR.join(values)
        if (
            not joined.isprintable()  # control characters, and any space but " "
            or "&" in joined
            or "<" in joined
            or ">" in joined
            or "_x" in joined  # what XlsxWriter would read as its _xHHHH_ spelling
            or joined[:1] == " "
            or joined[-1:] == " "
            or " |" in joined
            or "| " in joined
        ):
            return False
        height = None if settings is None else settings.height
        made = self._templates.get((shape, height))
        if made is None:
            made = self._template(shape, settings)
            if len(self._templates) < _TEMPLATES:
                self._templates[shape, height] = made
        template, first, last = made
        previous = self.previous_row
        if self.table or (previous != self._last_fast and (previous in self.row_info or previous in self.comments)):
            self._write_single_row(row)  # the row before, written XlsxWriter's way after the batch
        self.previous_row = self._last_fast = row
        if not self._pending:
            self._first_pending = row
        self._pending.append(template.format(row + 1, *values))
        if first < self._columns[0] or last > self._columns[1]:
            self._columns = (min(first, self._columns[0]), max(last, self._columns[1]))
        if len(self._pending) >= _BATCH:
            self._flush()
        return True

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """XlsxWriter writes the row before this one here, and the last one when the sheet ends:
        the batch goes first, and a row of ours, already in it, is not written again."""
        self._flush()
        if self.previous_row == self._last_fast:
            self.previous_row = current_row_num
            self.table.clear()
            return
        super()._write_single_row(current_row_num)

    def aside(self, rows: Callable[[], int], formats: Iterable[Format]) -> Callable[[bool], int]:
        """Write this sheet's rows with rows() in a forked process, into a file of its own, while
        this one goes on with other sheets; the function returned waits for it, takes its rows
        in, and gives what rows() returned (or, given True, when the workbook will not be
        finished, stops it and leaves nothing behind). rows() writes to this sheet alone, with
        these formats alone (numbered here first: the child's numbering would be lost). Where
        forking is not wanted (no os.fork, ITAPACK_JOBS=1) rows() runs here, at once."""
        from ..aside import Aside, wanted

        if not wanted():
            done = rows()
            return lambda abandon=False: done
        for style in formats:
            style._get_xf_index()
        self._write_single_row(self.previous_row)  # the rows so far (title, headings) go first
        self._last_fast = self.previous_row  # written: not to be written again
        self.fh.flush()
        aside = tempfile.NamedTemporaryFile(prefix="itapack-rows-", delete=False)  # noqa: SIM115
        aside.close()

        def work() -> tuple[int, int, int | None, int | None, int | None]:
            self.fh = open(aside.name, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
            done = rows()
            self._write_single_row(self.previous_row + 1)  # what waits: our batch, XlsxWriter's last row
            self.fh.close()
            return done, self.previous_row, self.dim_rowmax, self.dim_colmin, self.dim_colmax

        child = Aside(work, f"the writer of sheet {self.name}")

        def taken(abandon: bool = False) -> int:
            try:
                if abandon:
                    child.stop()
                    return 0
                done, self.previous_row, last_row, first_column, last_column = child.result()
                self._last_fast = self.previous_row
                self._extend(last_row, (first_column, last_column))
                self._append(aside.name)
                return done
            finally:
                os.unlink(aside.name)

        return taken

    def _write_optimized_sheet_data(self) -> None:
        """The rows' file into the sheet's as bytes: XlsxWriter decodes and encodes it again 64 kB
        at a time (700 MB of a national workbook's XML)."""
        if self.dim_rowmin is None or not isinstance(self.fh, io.TextIOWrapper):
            super()._write_optimized_sheet_data()
            return
        self._xml_start_tag("sheetData")
        self.row_data_fh.close()
        self._append(self.row_data_filename)
        os.unlink(self.row_data_filename)
        self._xml_end_tag("sheetData")

    def _append(self, path: str) -> None:
        """A file's bytes after what this sheet's text stream holds."""
        self.fh.flush()
        with open(path, "rb") as written:
            shutil.copyfileobj(written, self.fh.buffer, 1 << 20)

    def _flush(self) -> None:
        if not self._pending:
            return
        self._extend(self._first_pending, self._columns)
        self._extend(self._last_fast, ())
        self._columns = (self.xls_colmax, -1)
        self.fh.write("".join(self._pending))
        self._pending.clear()

    def _extend(self, row: int | None, columns: Iterable[int | None]) -> None:
        """The sheet's dimensions grown to hold this row and these columns. Rows by rows and
        columns by columns: XlsxWriter takes a row before its last one for a late write and
        ignores it, unless the check is of rows or of columns alone."""
        if row is not None:
            self._check_dimensions(row, 0, ignore_col=True)
        for column in columns:
            if column is not None:
                self._check_dimensions(0, column, ignore_row=True)

    def _template(self, shape: Shape, settings: Any) -> tuple[str, int, int]:
        cells = []
        value = 1
        for number, column in enumerate(shape):
            if column is None:
                continue
            kind, style = column
            if style is None and number in self.col_info:
                style = self.col_info[number].column_format
            styled = "" if style is None else f' s="{style._get_xf_index()}"'
            where = f'<c r="{_letters(number)}{{0}}"{styled}'
            if kind == "text":
                cells.append(f'{where} t="inlineStr"><is><t>{{{value}}}</t></is></c>')
            elif kind == "number":
                cells.append(f"{where}><v>{{{value}}}</v></c>")
            else:  # a link: its target and shown path, " doubled, then the shown path as it is
                cells.append(
                    f'{where} t="str"><f>HYPERLINK("{{{value}}}","{{{value + 1}}}")</f><v>{{{value + 2}}}</v></c>'
                )
            value += _VALUES[kind]
        used = [number for number, column in enumerate(shape) if column is not None]
        return self._row_open(settings) + "".join(cells) + "</row>", used[0], used[-1]

    def _row_open(self, settings: Any) -> str:
        """<row r="{0}" …> as XlsxWriter opens a row of these settings (None: the sheet's default
        height), written by XlsxWriter itself once."""
        held, self.fh = self.fh, io.StringIO()
        try:
            self._write_row(0, None, settings)
            opened = self.fh.getvalue()
        finally:
            self.fh = held
        return opened.replace('r="1"', 'r="{0}"', 1)


def _letters(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def link_target(to_pack: str, path: str) -> str:
    """Where a file's HYPERLINK points: the path relative to the workbook's folder, or under a
    file: address when the workbook is on another drive."""
    if to_pack.startswith("file:"):
        return f"{to_pack}/{path}"
    if to_pack and not to_pack.endswith("/") and not path.startswith("/"):
        return to_pack + "/" + path
    return posixpath.join(to_pack, path)


def shown(value: Any) -> str:
    """A number cell's value as XlsxWriter spells it."""
    return f"{value:.16G}"
