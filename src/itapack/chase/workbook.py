"""The tracking workbook clerks keep: summary, units x documents, what to chase, every file.

Written with XlsxWriter in constant-memory mode (rows stream to disk as they are written): at
8,303 units it was faster than openpyxl's write-only mode (numbers in the commit that chose it).
It is imported only here and by fastsheet.py (which only this module imports), so `itapack
check` and `--help` never load it.
"""

from __future__ import annotations

import contextlib
import functools
import math
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .. import safety
from ..evidence import layout
from ..evidence.result import CheckResult, Status
from ..i18n import in_thai
from ..outputs import wording
from ..outputs.report import MARKER
from ..outputs.written import is_own_report, relative_link
from .fastsheet import FastSheet, link_target, shown
from .owed import owed

FONT = "TH Sarabun New"
# The Thai Buddhist calendar (07) with Thai month names (041E): Excel and LibreOffice Calc both
# show 17 Jan 2024 as "17 ม.ค. 2567" while the cell keeps a real date.
BE_DATE = "[$-107041E]d mmm yyyy"
FILLS = {
    Status.OK: "#C6EFCE",
    Status.MISSING: "#FFC7CE",
    Status.PROBLEM: "#FFEB9C",
    Status.OVERDUE: "#F4B183",
    Status.DUE_SOON: "#E1BEE7",
    Status.NOT_STARTED: "#FFFFFF",
    Status.NOT_APPLICABLE: "#EDEDED",
}
HEADER_FILL = "#D9D9D9"
ROW_PT = 21
TITLE_ROW_PT = 28
# Thai vowels and tone marks above and below a consonant take no width of their own.
_ZERO_WIDTH = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
WRAP_FILL = 0.9  # of a line Thai fills: it wraps only between words
CHASE_WIDTHS = (36, 20, 7, 40, 11, 46, 46, 24, 14)
# Excel keeps at most 65,530 hyperlink objects per sheet; a HYPERLINK() formula has no such limit
# and follows a path relative to the workbook in Excel and LibreOffice alike.
SHEETS = ("สรุป", "หน่วยงาน", "ติดตาม", "ไฟล์", "data")
TITLE_ROWS = (1, 2, 2, 2, 1)  # rows repeated atop each printed page
ASIDE_ROWS = 20_000  # files from which their sheet is written by a second process
# The sheet for scripts (pandas.read_excel(path, sheet_name="data", dtype=str)): the header in row
# 1, one row per requirement, stable English column names as check's JSON has them, ids as text.
DATA_COLUMNS = (
    "document",
    "document_title",
    "section",
    "unit",
    "unit_name",
    "district",
    "kind",
    "status",
    "status_text",
    "files",
    "due",
)


def default_name(fiscal_year: int) -> str:
    """export's workbook when no --xlsx is given: a Thai name, in PACK/reports beside the report."""
    return f"สมุดงานติดตาม ITA {fiscal_year}.xlsx"


def write_workbook(result: CheckResult, path: Path, *, pack_root: Path, force: bool = False) -> None:
    """Write the workbook to path through the safe writer: never over a file itapack did not write
    unless force, never over the pack's own files or into its evidence even with force."""
    safety.check_target(path, force=force, ours=is_own_report)  # before the workbook is built
    to_pack = relative_link(path.parent, pack_root)
    from ..outputs.seal import seal

    with safety.writing(path, text=False, force=force, ours=is_own_report, finish=seal) as stream:
        _Builder(result, stream, to_pack).build()


class _Builder:
    def __init__(self, result: CheckResult, stream: Any, to_pack: str) -> None:
        import xlsxwriter

        self.result = result
        self.to_pack = to_pack
        self.book = xlsxwriter.Workbook(
            stream,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "default_date_format": BE_DATE,
                "default_format_properties": {"font_name": FONT, "font_size": 14},
            },
        )
        f = self.book.add_format
        self.title = f({"font_name": FONT, "font_size": 18, "bold": True})
        self.bold = f({"font_name": FONT, "font_size": 14, "bold": True})
        self.header = f(
            {"font_name": FONT, "font_size": 14, "bold": True, "bg_color": HEADER_FILL, "border": 1, "text_wrap": True}
        )
        self.text = f({"font_name": FONT, "font_size": 14, "valign": "top"})
        self.wrap = f({"font_name": FONT, "font_size": 14, "valign": "top", "text_wrap": True})
        self.integer = f({"font_name": FONT, "font_size": 14, "num_format": "#,##0"})
        self.year = f({"font_name": FONT, "font_size": 14, "num_format": "0", "align": "left"})  # 2567, not 2,567
        self.plain = f({"font_name": FONT, "font_size": 14, "num_format": "@"})  # text that stays text when edited
        self.plain_header = f({"font_name": FONT, "font_size": 14, "bold": True, "num_format": "@"})
        self.percent = f({"font_name": FONT, "font_size": 14, "num_format": "0.0"})
        self.date = f({"font_name": FONT, "font_size": 14, "num_format": BE_DATE, "align": "left"})
        self.link = f({"font_name": FONT, "font_size": 14, "font_color": "#0563C1", "underline": 1})
        self.status = {
            status: f(
                {"font_name": FONT, "font_size": 14, "bg_color": fill, "align": "center", "valign": "top", "border": 1}
            )
            for status, fill in FILLS.items()
        }
        self.blank = f({"font_name": FONT, "font_size": 14, "align": "center", "border": 1, "font_color": "#808080"})

    @in_thai  # the office's own tracking sheet, in Thai like its memos
    def build(self) -> None:
        pack = self.result.pack
        self.book.set_properties(
            {"title": pack.title, "subject": f"ปีงบประมาณ {pack.fiscal_year}", "author": pack.office, "category": MARKER}
        )
        summary, units, chase, files, data = (
            self._sheet(name, rows) for name, rows in zip(SHEETS, TITLE_ROWS, strict=True)
        )
        files_written = self._files(files)  # the longest sheet, written aside while the others are
        try:
            self._summary(summary)
            self._units(units)
            self._chase(chase)
            self._data(data)
        except BaseException:  # Ctrl-C, a failure: the second process and its file go too
            files_written(True)
            raise
        files_written(False)
        with _deflating_quicker():
            self.book.close()

    # --- page setup shared by every sheet -------------------------------------------------

    def _sheet(self, name: str, title_rows: int) -> Any:
        sheet = self.book.add_worksheet(name, worksheet_class=FastSheet)
        sheet.set_paper(9)  # A4
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)  # fit to width, as many pages down as it takes
        sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
        sheet.repeat_rows(0, title_rows - 1)
        # Excel's default 15 pt rows are cut for 14 pt Thai: its marks above and below need room.
        sheet.set_default_row(ROW_PT)
        sheet.set_row(0, TITLE_ROW_PT)
        title = self.result.pack.title.replace("&", "&&")[:200]
        sheet.set_header(f'&C&"{FONT},Bold"&14{title}')
        sheet.set_footer(f'&L&"{FONT}"&12{name}&R&"{FONT}"&12หน้า &P จาก &N')
        return sheet

    def _titled(self, sheet: Any, text: str, headers: list[str], widths: list[float]) -> None:
        sheet.write_string(0, 0, text, self.title)
        self._headers(sheet, 1, headers, widths)

    def _headers(self, sheet: Any, row: int, headers: list[str], widths: list[float]) -> None:
        """A header row as tall as its longest heading wraps in its column (neither Excel nor
        XlsxWriter sizes a row to wrapped text)."""
        for column, header in enumerate(headers):
            sheet.write_string(row, column, header, self.header)
        lines = max(_lines(header, int(width)) for header, width in zip(headers, widths, strict=False))
        sheet.set_row(row, ROW_PT * lines + 4)

    # --- สรุป ---------------------------------------------------------------------------------

    def _summary(self, sheet: Any) -> None:
        """The report's figures, each labelled with what it counts: requirements (รายการ) or units."""
        from ..outputs import figures

        result, pack = self.result, self.result.pack
        widths = [46, 14, 14, 14, 14, 14, 14]
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        sheet.write_string(0, 0, pack.title, self.title)
        row = 2
        facts: list[tuple[str, Any]] = [
            ("หน่วยงานผู้จัดทำ", pack.office),
            ("ปีงบประมาณ", pack.fiscal_year),
            ("ตรวจเมื่อ", pack.today),
            ("ผลการดำเนินงาน", wording.verdict(result)),
            ("คะแนน (จาก 100)", result.score),
            ("รายการที่ต้องส่งทั้งหมด", result.required),
        ]
        facts += [(f"รายการที่{wording.STATUS[s]}", result.count(s)) for s in (Status.OK, *wording.COUNTED)]
        for label, value in facts:
            sheet.write_string(row, 0, label, self.bold)
            if label == "ปีงบประมาณ":
                sheet.write_number(row, 1, value, self.year)
            else:
                self._value(sheet, row, 1, value)
            row += 1
        row += 1
        word = "ระดับ" if pack.ladder else "หมวด"
        headers = [word, "รายการที่ครบ", "รายการที่ต้องส่ง", "ร้อยละของรายการ", "คะแนน"]
        headers.append("ผ่าน" if pack.ladder else "ครบทั้งหมวด")
        self._headers(sheet, row, headers, widths)
        row += 1
        for section in result.sections:
            sheet.write_string(row, 0, wording.section_label(section, pack.ladder), self.wrap)
            sheet.write_number(row, 1, section.satisfied, self.integer)
            sheet.write_number(row, 2, section.required, self.integer)
            sheet.write_number(row, 3, section.percent, self.percent)
            sheet.write_number(row, 4, section.score, self.percent)
            done = section.reached if pack.ladder else section.complete
            sheet.write_string(row, 5, "✓" if done else "✗", self.text)
            row += 1
        kinds = figures.kinds(result)
        if kinds:
            row += 1
            headers = ["ประเภทหน่วยงาน", "จำนวนหน่วยงาน", "หน่วยงานที่ครบทุกข้อ", "หน่วยงานที่ยังไม่ครบ"]
            headers += ["รายการที่ครบ", "รายการที่ต้องส่ง", "ร้อยละของรายการ"]
            self._headers(sheet, row, headers, widths)
            row += 1
            for kind in kinds:
                sheet.write_string(row, 0, kind.name, self.wrap)
                for column, number in enumerate((kind.units, kind.complete, kind.behind, kind.satisfied), 1):
                    sheet.write_number(row, column, number, self.integer)
                sheet.write_number(row, 5, kind.required, self.integer)
                sheet.write_number(row, 6, kind.percent, self.percent)
                row += 1

    def _value(self, sheet: Any, row: int, column: int, value: Any) -> None:
        if isinstance(value, date):
            sheet.write_datetime(row, column, value, self.date)
        elif isinstance(value, float):
            sheet.write_number(row, column, value, self.percent)
        elif isinstance(value, int):
            sheet.write_number(row, column, value, self.integer)
        else:
            sheet.write_string(row, column, value, self.text)

    # --- หน่วยงาน ------------------------------------------------------------------------------

    def _units(self, sheet: Any) -> None:
        result = self.result
        documents = [doc for doc in result.documents if doc.per_unit]
        fixed = ["ลำดับ", "หน่วยงาน", "รหัส", "อำเภอ", "ประเภท"]
        counts = ["รายการที่ครบ", "รายการที่ต้องส่ง", "ร้อยละของรายการ"]
        headers = [*fixed, *(f"{doc.id} {doc.title}" for doc in documents), *counts]
        units = [unit for unit in result.units if unit.statuses]
        # Columns as wide as what they hold: the longest name, id, district and kind
        fitted = [
            _width([unit.name for unit in units], 12, 50),
            _width([unit.id for unit in units], 6, 24),
            _width([unit.district_name or "" for unit in units], 8, 30),
            _width([unit.kind_name for unit in units], 8, 30),
        ]
        widths = [6, *fitted, *([9] * len(documents)), 10, 10, 10]
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        self._titled(sheet, "สถานะหลักฐานรายหน่วยงาน  ✓ ครบ  ✗ ขาด  ! มีปัญหา  ‼ เกินกำหนด  – ไม่ต้องส่ง", headers, widths)
        last = len(headers) - 1
        sheet.freeze_panes(2, 2)
        sheet.autofilter(1, 0, 1 + len(units), last)
        head = (("number", None), ("text", None), ("text", self.plain), ("text", None), ("text", None))
        tail = (("number", self.integer), ("number", self.integer), ("number", self.percent))
        marks = {status: (("text", style), wording.SYMBOL[status]) for status, style in self.status.items()}
        not_asked = (("text", self.blank), "–")
        for row, unit in enumerate(units, 2):
            statuses = unit.statuses
            cells = [not_asked if (s := statuses.get(doc.id)) is None else marks[s] for doc in documents]
            values = (
                str(row - 1),
                unit.name,
                unit.id,
                unit.district_name or "",
                unit.kind_name,
                *(value for _, value in cells),
                str(unit.satisfied),
                str(unit.required),
                shown(unit.percent),
            )
            if sheet.fast_row(row, (*head, *(column for column, _ in cells), *tail), values):
                continue
            sheet.write_number(row, 0, row - 1)
            for column, value in enumerate(values[1 : len(head) + len(documents)], 1):
                style = head[column][1] if column < len(head) else cells[column - len(head)][0][1]
                sheet.write_string(row, column, value, style)
            sheet.write_number(row, last - 2, unit.satisfied, self.integer)
            sheet.write_number(row, last - 1, unit.required, self.integer)
            sheet.write_number(row, last, unit.percent, self.percent)

    # --- ติดตาม --------------------------------------------------------------------------------

    def _chase(self, sheet: Any) -> None:
        headers = ["หน่วยงาน", "อำเภอ", "ข้อ", "เอกสาร", "สถานะ", "สิ่งที่ต้องแก้", "ที่ต้องวาง", "ผู้รับผิดชอบ", "กำหนดส่ง"]
        for column, width in enumerate(CHASE_WIDTHS):
            sheet.set_column(column, column, width)
        self._titled(sheet, "รายการที่ต้องติดตาม", headers, list(CHASE_WIDTHS))
        sheet.freeze_panes(2, 1)
        row = 2
        if any(layout.named_in_folder(item.requirement.expected) for item in owed(self.result)):
            # "…/m3 *" (a pack filed unit first): what it asks, on the column's heading; before any
            # row below it, as the workbook streams rows to disk
            sheet.write_comment(1, 6, wording.UNIT_FOLDER_NOTE, {"font_name": FONT, "font_size": 14, "x_scale": 2})
        office = self.result.pack.office
        wrap, text = ("text", self.wrap), ("text", self.text)
        shapes = {  # by status, and whether there is a due date
            (status, dated): (wrap, text, ("text", self.plain), wrap, ("text", style), wrap, wrap, wrap)
            + ((("number", self.date),) if dated else ())
            for status, style in self.status.items()
            for dated in (True, False)
        }
        for item in owed(self.result):
            unit, doc = item.unit, item.document
            wrapped = (
                (3, doc.title),
                (5, item.problem),
                (6, item.requirement.expected),
                (0, unit.name if unit else office),
            )
            lines = max(_lines(text, CHASE_WIDTHS[column]) for column, text in wrapped)
            if lines > 1:  # neither Excel nor XlsxWriter sizes a row to its wrapped text
                sheet.set_row(row, ROW_PT * lines)
            values = (
                unit.name if unit is not None else office,
                (unit.district_name if unit is not None else None) or "",
                doc.id,
                doc.title,
                wording.STATUS[item.status],
                item.problem,
                item.requirement.expected,
                doc.owner or "",
            ) + (() if doc.due is None else (sheet.excel_date(doc.due),))
            if not sheet.fast_row(row, shapes[item.status, doc.due is not None], values):
                for column, (value, (_, style)) in enumerate(zip(values[:8], shapes[item.status, False], strict=True)):
                    sheet.write_string(row, column, value, style)
                if doc.due is not None:
                    sheet.write_datetime(row, 8, doc.due, self.date)
            row += 1
        sheet.autofilter(1, 0, max(row - 1, 2), len(headers) - 1)

    # --- ไฟล์ ----------------------------------------------------------------------------------

    def _files(self, sheet: Any) -> Callable[[bool], None]:
        """Every file's row, written by a forked process where there is one (400,000 rows of a
        national pack, two fifths of its workbook) while this one writes the other sheets; the
        function returned takes them in."""
        headers = ["ไฟล์", "ขนาด (ไบต์)", "ข้อ", "หน่วยงาน", "นับหรือไม่", "เหตุผล"]
        widths = [80, 14, 8, 36, 12, 50]
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        self._titled(sheet, "ไฟล์หลักฐานทุกไฟล์ (คลิกชื่อไฟล์เพื่อเปิด)", headers, widths)
        sheet.freeze_panes(2, 0)

        def rows() -> int:
            names = {unit.id: unit.name for unit in self.result.units}
            row = 2
            for doc in self.result.documents:
                for requirement in doc.requirements:
                    unit = names.get(requirement.unit or "", "")
                    for evidence in requirement.files:
                        path = evidence.folder + evidence.name
                        self._file_row(sheet, row, path, evidence.size, doc.id, unit, True, "")
                        row += 1
                    for rejected in requirement.rejected:
                        reason = wording.rejected(rejected, doc.window)
                        self._file_row(sheet, row, rejected.path, rejected.size, doc.id, unit, False, reason)
                        row += 1
            for stray in self.result.strays:
                self._file_row(sheet, row, stray.path, None, stray.document, "", False, wording.stray(stray))
                row += 1
            return row

        many = sum(len(r.files) + len(r.rejected) for d in self.result.documents for r in d.requirements)
        if many + len(self.result.strays) < ASIDE_ROWS:  # forking costs more than it saves
            row = rows()
            return lambda abandon: sheet.autofilter(1, 0, max(row - 1, 2), len(headers) - 1)
        styles = [column[1] for shape in self._file_shapes.values() for column in shape if column and column[1]]
        taken = sheet.aside(rows, styles)

        def written(abandon: bool) -> None:
            row = taken(abandon)
            sheet.autofilter(1, 0, max(row - 1, 2), len(headers) - 1)

        return written

    # --- data: for scripts -------------------------------------------------------------------

    def _data(self, sheet: Any) -> None:
        """One row per requirement, the header in row 1, every id and code text (a document "4.4"
        is never the number 4.4): what pandas.read_excel and other programs read as it is."""
        widths = [10, 40, 8, 14, 40, 24, 24, 14, 16, 8, 14]
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        for column, name in enumerate(DATA_COLUMNS):
            sheet.write_string(0, column, name, self.plain_header)
        sheet.freeze_panes(1, 0)
        texts = (("text", self.plain),) * 9
        dated, undated = (*texts, ("number", self.year), ("number", self.date)), (*texts, ("number", self.year))
        no_unit = ("", "", "", "")
        units = {unit.id: (unit.id, unit.name, unit.district_name or "", unit.kind_name) for unit in self.result.units}
        statuses = {status: (status.value, wording.STATUS[status]) for status in Status}
        row = 1
        for doc in self.result.documents:
            first = (doc.id, doc.title, str(doc.section))
            due = () if doc.due is None else (sheet.excel_date(doc.due),)
            shape = undated if doc.due is None else dated
            for requirement in doc.requirements:
                unit = units.get(requirement.unit, (requirement.unit, "", "", "")) if requirement.unit else no_unit
                values = (*first, *unit, *statuses[requirement.status], str(len(requirement.files)), *due)
                if not sheet.fast_row(row, shape, values):
                    for column, cell in enumerate(values[:9]):
                        sheet.write_string(row, column, cell, self.plain)
                    sheet.write_number(row, 9, len(requirement.files), self.year)
                    if doc.due is not None:
                        sheet.write_datetime(row, 10, doc.due, self.date)
                row += 1
        sheet.autofilter(0, 0, max(row - 1, 1), len(DATA_COLUMNS) - 1)

    def _file_row(
        self, sheet: Any, row: int, path: str, size: int | None, document: str, unit: str, counted: bool, reason: str
    ) -> None:
        target = link_target(self.to_pack, path)
        quoted_target, quoted_path = (
            (target.replace('"', '""'), path.replace('"', '""')) if '"' in target else (target, path)
        )
        linked = len(quoted_target) + len(quoted_path) < 8000  # a formula holds at most 8,192 characters
        word = "นับ" if counted else "ไม่นับ"
        values = (quoted_target, quoted_path, path) if linked else (path,)
        values += (str(size), document, unit, word, reason) if size is not None else (document, unit, word, reason)
        if sheet.fast_row(row, self._file_shapes[linked, size is not None], values):
            return
        if linked:
            sheet.write_formula(row, 0, f'=HYPERLINK("{quoted_target}","{quoted_path}")', self.link, path)
        else:
            sheet.write_string(row, 0, path, self.text)
        if size is not None:
            sheet.write_number(row, 1, size, self.integer)
        sheet.write_string(row, 2, document, self.plain)
        sheet.write_string(row, 3, unit, self.text)
        sheet.write_string(row, 4, word, self.text)
        sheet.write_string(row, 5, reason, self.wrap)

    @functools.cached_property
    def _file_shapes(self) -> dict[tuple[bool, bool], tuple[Any, ...]]:
        """The files sheet's rows: linked or not (a path too long for a formula), sized or not (a stray)."""
        rest = (("text", self.plain), ("text", self.text), ("text", self.text), ("text", self.wrap))
        return {
            (linked, sized): (
                ("link", self.link) if linked else ("text", self.text),
                ("number", self.integer) if sized else None,
                *rest,
            )
            for linked in (True, False)
            for sized in (True, False)
        }


@contextlib.contextmanager
def _deflating_quicker() -> Iterator[None]:
    """XlsxWriter deflates at zlib's default level (6) and has no setting for it. Level 3 is 3.4x
    quicker on a workbook's sheets for 13% more bytes (63 MB of an 800-unit pack's XML: 0.14 s
    and 3.0 MB against 0.48 s and 2.7 MB), and a national workbook spent 4 s deflating."""
    import xlsxwriter.workbook

    zip_file = xlsxwriter.workbook.ZipFile
    xlsxwriter.workbook.ZipFile = functools.partial(zip_file, compresslevel=3)
    try:
        yield
    finally:
        xlsxwriter.workbook.ZipFile = zip_file


def _width(texts: list[str], least: int, most: int) -> int:
    """A column as wide as its longest text (Thai marks above and below take no width), within bounds."""
    longest = max((sum(1 for c in text if c not in _ZERO_WIDTH) for text in texts), default=0)
    return max(least, min(most, longest * 9 // 10 + 2))


def _lines(text: str, width: int) -> int:
    """How many lines text wraps to in a column this many characters wide, measured with the Thai
    font the workbook is read in: neither Excel nor XlsxWriter sizes a row to wrapped text, and a
    count of letters took "หน่วยงานที่ครบทุกข้อ" for one line of a 14-wide column where it prints on
    two, its first line cut off above the row."""
    room = (width * 7 + 5) * 0.75 - 4  # pt: Excel's column of `width` "0"s of its 11 pt font, less padding
    needed = sum(map(_advance, text)) * 14 * 1.05  # 14 pt, a bold heading a little wider
    return max(1, math.ceil(needed / (room * WRAP_FILL)))


@functools.cache
def _advance(character: str) -> float:
    """A character's width in ems of the Thai font (HarfBuzz, as the letters measure): one shaping
    per character ever seen, so a national workbook's rows cost a sum each; marks above and below
    take none (shaped alone, HarfBuzz would set them on a dotted circle)."""
    if unicodedata.category(character) == "Mn":
        return 0.0
    from .letterpages import width_em

    return width_em(character)
