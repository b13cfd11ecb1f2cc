"""The Word report: the base document's styles and page, filled with the report model.

Only content is built here; fonts, sizes and spacing come from templates/report-base.docx so an
office can restyle them in Word. Margins come from the pack (report settings).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from copy import deepcopy
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..pack.model import ReportSettings
from ..timeline.table import DUE
from . import ooxml
from .report import MARKER, Report, SectionBlock, SignatureBlock

A4 = (Cm(21.0), Cm(29.7))
HEADER_FILL = "E7E6E6"
MIN_NAME_WIDTH = Cm(5)  # a unit's name in the matrix, two lines at most (report.PAPER_MATRIX_DOCUMENTS)
GROUP_FILL = "F2F2F2"
SPAN_FILL = "DEEAF6"  # a month a timeline item runs through
# The month an item is due, by its state: red when late, amber when near, green when done.
TIMELINE_FILL = {
    "overdue": "F4CCCC",
    "problem": "F4CCCC",
    "due_soon": "FFE599",
    "missing": "FFE599",
    "not_started": "BDD7EE",
    "done": "C6E0B4",
    "not_applicable": "E7E6E6",
}
# Characters XML 1.0 cannot hold (controls other than tab/newline, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def start_document(base: Path, settings: ReportSettings, thai_digits: bool) -> tuple[DocxDocument, int]:
    """The base template emptied, on an A4 page with the pack's margins and official page numbers;
    and the text width. The report and the o42 draft begin here; the memos (chase/letters.py) set
    up their own page: a memo starts high on the page, where the Garuda sits."""
    document = Document(str(base))
    clear_body(document)
    section = document.sections[0]
    set_page(section, settings, landscape=False)
    page_numbers(section, thai_digits)
    return document, section_width(section)


SOURCES_HEADING = "หมายเหตุ: ที่มาของเกณฑ์และตัวเลข"


def render(report: Report, base: Path, settings: ReportSettings) -> bytes:
    document, width = start_document(base, settings, report.thai_digits)

    _title_block(document, report)
    _summary(document, report, width)
    _sign_off(document, report, width)

    document.add_page_break()
    _paragraph(document, report.details_heading, "Heading 1")
    for block in report.sections:
        _section(document, block, width)
    landscape = _matrix(document, report, settings)
    _followups(document, report, settings, after_landscape=landscape)
    _timeline(document, report, settings)
    _compare(document, report, settings)
    if report.sources:  # a note at the end, not on the page the director signs; kept whole
        _paragraph(document, SOURCES_HEADING, "Heading 2").paragraph_format.keep_with_next = True
        for number, line in enumerate(report.sources, 1):
            paragraph = _paragraph(document, line, "Normal")
            paragraph.paragraph_format.keep_together = True
            paragraph.paragraph_format.keep_with_next = number < len(report.sources)

    return saved(document, title=report.title, subject=report.fiscal_year, author=report.office, created=report.created)


def saved(
    document: DocxDocument,
    *,
    title: str,
    author: str,
    subject: str | None = None,
    comments: str = "",
    created: datetime | None = None,
) -> bytes:
    """The document's bytes, its Office properties marking it as itapack's (category MARKER): a
    later run replaces a file so marked, and no other. Thai words get their break marks here."""
    from . import thaiwords

    thaiwords.break_document(document)
    properties = document.core_properties
    properties.title = xml_safe(title)
    if subject is not None:
        properties.subject = xml_safe(subject)
    properties.author = properties.last_modified_by = xml_safe(author)
    properties.category = MARKER
    properties.comments = comments
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:  # python-docx's template: bestFit alone,
        zoom.set(qn("w:percent"), "100")  # which the ECMA schema refuses (w:percent is required)
    if created is not None:  # the real time, or a bundle's fixed one: the same bytes for the same --date
        properties.created = properties.modified = created
        properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def clear_body(document: DocxDocument) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def set_page(section: Section, settings: ReportSettings, *, landscape: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin = Cm(settings.margin_top_cm)
    section.bottom_margin = Cm(settings.margin_bottom_cm)
    section.left_margin = Cm(settings.margin_left_cm)
    section.right_margin = Cm(settings.margin_right_cm)


def section_width(section: Section) -> int:
    return section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]


def page_numbers(section: Section, thai_digits: bool) -> None:
    """ระเบียบงานสารบรรณ: the number top centre, "- ๒ -", from the second page on. Later sections
    inherit the header; the first page's own header stays empty."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = "Header"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    ooxml.add_page_number(paragraph, "๑" if thai_digits else "1")
    paragraph.add_run(" -")
    ooxml.page_number_format(section, "thaiNumbers" if thai_digits else "decimal")


def new_section(document: DocxDocument, settings: ReportSettings, *, landscape: bool, thai_digits: bool) -> Section:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # only the report's first page is unnumbered
    set_page(section, settings, landscape=landscape)
    ooxml.columns(section, 1, space_cm=0)  # python-docx clones the section before: never its two columns
    ooxml.page_number_format(section, "thaiNumbers" if thai_digits else "decimal")
    return section


def _paragraph(document: DocxDocument, text: str, style: str, *, bold: bool = False) -> Paragraph:
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(xml_safe(text))
    if bold:
        ooxml.bold_run(run)
    return paragraph


def _title_block(document: DocxDocument, report: Report) -> None:
    _paragraph(document, report.heading, "Title")
    _paragraph(document, report.title, "Subtitle")
    _paragraph(document, f"{report.fiscal_year} {report.window}", "Subtitle")
    _paragraph(document, report.office, "Subtitle")
    _paragraph(document, report.date, "Subtitle")


def _summary(document: DocxDocument, report: Report, width: int) -> None:
    """The part a director signs: counts, never names; within two pages whatever the pack's size."""
    _paragraph(document, "สรุปผล", "Heading 1")
    _paragraph(document, report.outcome, "Normal", bold=True)
    _paragraph(document, report.counts, "Normal")
    if report.previous:
        _paragraph(document, report.previous, "Normal")
    for line in report.results:
        _paragraph(document, line, "Normal")
    if report.comparison:
        _paragraph(document, "ผลการประเมิน ITA", "Heading 2")
        header, *rows = report.comparison
        table = _Rows(_table(document, ["รายการ", *header[1:]], _fit([6.4, 3.2, 3.2, 3.2], width)), aligns="lrrr")
        for row in rows:
            table.add(list(row))
    _paragraph(document, report.summary_heading, "Heading 2")
    widths = _fit([6.4, 3.2, 3.7, 2.7], width)  # "1,584/1,600" on one line
    rows = _Rows(_table(document, list(report.summary_columns), widths), aligns="lcrr")
    for line in report.summary_lines:
        rows.add([line.label, line.state, line.done, line.percent])
    last = _paragraph(document, report.blockers_heading, "Heading 2")
    for line in report.blockers:
        last = _paragraph(document, line, "List Bullet")
    # The signatures take the summary's last part with them to a new page, never the legend alone.
    last.paragraph_format.keep_with_next = not report.kinds
    if report.kinds:
        _paragraph(document, "ความครบถ้วนตามประเภทหน่วยงาน", "Heading 2")
        headers = ["ประเภทหน่วยงาน", "จำนวน", "ครบทุกข้อ", "ยังไม่ครบ", "ร้อยละ"]
        rows = _Rows(_table(document, headers, _fit([6.4, 2.2, 2.6, 2.6, 2.2], width)), aligns="lrrrr")
        for kind in report.kinds:
            rows.add([kind.name, kind.units, kind.complete, kind.behind, kind.percent])
        ooxml.keep_table_with_next(rows.table)
    legend = _paragraph(document, "สัญลักษณ์: " + "   ".join(report.legend), "Caption")
    legend.paragraph_format.keep_with_next = True  # the signatures never go to a page of their own


def _sign_off(document: DocxDocument, report: Report, width: int) -> None:
    """Signature blocks closing the summary, two to a line, centred on tab stops. Paragraphs, not a
    table: each keeps with the next, and the legend before them keeps with the first, so Word and
    LibreOffice alike move the blocks with the text they sign rather than leave them alone on a
    page (LibreOffice does not carry a paragraph's keep-with-next over to a table)."""
    blocks = list(report.signatures)
    rows = [blocks[start : start + 2] for start in range(0, len(blocks), 2)]
    for number, pair in enumerate(rows):
        columns = [_signature_lines(block, report) for block in pair]
        for index, lines in enumerate(zip(*columns, strict=True)):
            paragraph = document.add_paragraph(style="Signature")
            paragraph.paragraph_format.space_before = Cm(0.9 if index == 0 else 0)  # room to sign
            paragraph.paragraph_format.keep_with_next = not (number == len(rows) - 1 and index == len(columns[0]) - 1)
            if len(pair) == 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run(xml_safe(lines[0]))
                continue
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            stops = paragraph.paragraph_format.tab_stops
            for quarter in (1, 3):
                stops.add_tab_stop(width * quarter // 4, WD_TAB_ALIGNMENT.CENTER)
            paragraph.add_run(xml_safe("\t" + "\t".join(lines)))


def _signature_lines(block: SignatureBlock, report: Report) -> list[str]:
    return [
        "ลงชื่อ ....................................",
        f"({block.name})" if block.name else "(....................................)",
        f"ตำแหน่ง {block.position}" if block.position else "ตำแหน่ง ....................................",
        block.role,
        report.date_line,
    ]


def _section(document: DocxDocument, block: SectionBlock, width: int) -> None:
    _paragraph(document, f"{block.heading}  {block.state}  {block.counts}", "Heading 2")
    for line in block.criteria:
        paragraph = _paragraph(document, f"{line.number} {line.text}".strip(), "Normal")
        paragraph.paragraph_format.left_indent = Cm(0.75 * line.depth)
        paragraph.paragraph_format.space_after = Cm(0.1)
        paragraph.paragraph_format.keep_with_next = True  # the heading and its criteria go with the table
    headers = ["ข้อ", "เอกสาร", "สถานะ", "หลักฐาน / หมายเหตุ"]
    rows = _Rows(_table(document, headers, _fit([1.4, 4.8, 2.4, 7.4], width)), whole=False)  # notes run long
    for row in block.rows:
        evidence = [f"{link.name} ({link.size})" for link in row.files] + list(row.notes)
        rows.add([row.id, row.title, row.status_text, "\n".join(evidence)])


def _matrix(document: DocxDocument, report: Report, settings: ReportSettings) -> bool:
    """Annex B, the unit × document matrix, when it is a few pages; a large pack's is the HTML's and
    the workbook's, and the paper says so. True when it left the page in landscape."""
    if not report.matrix_columns:
        return False
    units = sum(len(group.rows) for group in report.matrix_groups)
    if not report.matrix_on_paper:
        document.add_page_break()
        _paragraph(document, report.matrix_heading, "Heading 1")
        _paragraph(
            document,
            f"ตารางความครบถ้วนของ {report.number(units)} หน่วยงาน ({report.number(len(report.matrix_columns))} ข้อ)"
            " ฉบับเต็มอยู่ในรายงาน HTML และสมุดงานติดตาม (itapack export) ไม่พิมพ์ในรายงานฉบับนี้",
            "Normal",
        )
        return False
    section = new_section(document, settings, landscape=report.matrix_wide, thai_digits=report.thai_digits)
    _paragraph(document, report.matrix_heading, "Heading 1")
    per_document = Cm(1.5)  # a symbol and the id above it
    fixed = [Cm(1.2), Cm(1.8)]  # ที่, ครบ
    for column in report.matrix_columns:
        _paragraph(document, f"ข้อ {column.id} {column.title}", "Caption")
    name = max(section_width(section) - sum(fixed) - per_document * len(report.matrix_columns), MIN_NAME_WIDTH)
    widths = [fixed[0], name, *([per_document] * len(report.matrix_columns)), fixed[1]]
    headers = ["ที่", "หน่วยงาน", *(c.id for c in report.matrix_columns), "ครบ"]
    table = _table(document, headers, widths)
    rows = _Rows(table, aligns="rl" + "c" * len(report.matrix_columns) + "r")
    for group in report.matrix_groups:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        ooxml.shade_cell(merged, GROUP_FILL)
        ooxml.keep_row_together(table.rows[-1])
        paragraph = merged.paragraphs[0]
        paragraph.style = "Table Text"
        paragraph.paragraph_format.keep_with_next = True  # a district heading never ends a page
        ooxml.bold_run(paragraph.add_run(xml_safe(group.heading)))
        for unit in group.rows:
            rows.add([unit.number, unit.name, *(cell.text for cell in unit.cells), unit.done])
    _paragraph(document, "สัญลักษณ์: " + "   ".join(report.legend), "Caption")
    return report.matrix_wide


def _followups(document: DocxDocument, report: Report, settings: ReportSettings, *, after_landscape: bool) -> None:
    """Annex C, what each unit owes: item by item, or for a large pack one line per unit in two
    columns, so 800 units print in a few pages."""
    compact = report.followups_compact
    if after_landscape or compact:
        new_section(document, settings, landscape=False, thai_digits=report.thai_digits)
    else:
        document.add_page_break()
    _paragraph(document, report.followups_heading, "Heading 1")
    if report.followup_note:
        _paragraph(document, report.followup_note, "Normal")
    if not report.followups:
        _paragraph(document, "ไม่มี หลักฐานครบทุกรายการ", "Normal")
    if compact:
        _paragraph(document, "สัญลักษณ์: " + "   ".join(report.legend), "Caption")
        # The heading across the page, the units below it in two columns: a continuous section break.
        ooxml.columns(document.add_section(WD_SECTION.CONTINUOUS), 2, space_cm=0.8)
        for followup in report.followups:
            paragraph = document.add_paragraph(style="Table Text")
            paragraph.paragraph_format.keep_together = True
            ooxml.bold_run(paragraph.add_run(xml_safe(followup.short or followup.unit)))
            paragraph.add_run(xml_safe("  " + followup.brief))
        return
    for followup in report.followups:
        _paragraph(document, followup.unit, "Heading 3")
        for item in followup.items:
            _paragraph(document, item, "List Bullet")


def _timeline(document: DocxDocument, report: Report, settings: ReportSettings) -> None:
    """The year on one landscape page, Gantt-like: the months an item runs through shaded, its
    state's symbol in the month it is due."""
    table_model = report.timeline
    if table_model is None:
        return
    section = new_section(document, settings, landscape=True, thai_digits=report.thai_digits)
    _paragraph(document, report.timeline_heading, "Heading 1")
    month, owner, state = Cm(1.15), Cm(4.0), Cm(2.4)  # a month: "ต.ค." over "66", unbroken
    item = max(section_width(section) - owner - state - month * len(table_model.months), Cm(5))
    headers = ["รายการ", "ผู้รับผิดชอบ", *table_model.months, "สถานะ"]
    widths = [item, owner, *([month] * len(table_model.months)), state]
    table = header_table(document, headers, widths, write=_small_heading)
    rows = _Rows(table, aligns="ll" + "c" * len(table_model.months) + "l")
    for row in table_model.rows:
        marks = [row.due_text if cell == DUE else "" for cell in row.cells]
        rows.add([row.label, row.owner, *marks, row.state_text])
        cells = table.rows[-1].cells
        for index, cell in enumerate(row.cells):
            if cell:
                ooxml.shade_cell(cells[2 + index], TIMELINE_FILL[row.state] if cell == DUE else SPAN_FILL)
    _paragraph(document, "สัญลักษณ์: " + "   ".join(table_model.legend), "Caption")


def _compare(document: DocxDocument, report: Report, settings: ReportSettings) -> None:
    """This year against last (previous.pack): counts, a table per kind of change, what came and went."""
    section_model = report.compare
    if section_model is None:
        return
    section = new_section(document, settings, landscape=False, thai_digits=report.thai_digits)
    width = section_width(section)
    _paragraph(document, report.compare_heading, "Heading 1")
    _paragraph(document, section_model.counts, "Normal")
    for group in section_model.groups:
        _paragraph(document, group.heading, "Heading 2")
        rows = _Rows(_table(document, ["เอกสาร", "ปีก่อน → ปีนี้", "หน่วยงาน"], _fit([6.0, 3.6, 6.4], width)), whole=False)
        for row in group.rows:
            rows.add([row.document, row.change, row.units])
    for heading, lines in section_model.lists:
        _paragraph(document, heading, "Heading 2")
        for line in lines:
            _paragraph(document, line, "List Bullet")


def _small_heading(paragraph: Paragraph, text: str) -> None:
    """A month's heading ("ต.ค." over "66") a size smaller, so that twelve fit a landscape page
    unbroken; Thai takes its size from szCs (ooxml.thai_run_properties)."""
    run = paragraph.add_run(xml_safe(text))
    if "\n" in text:
        ooxml.thai_run_properties(run._r.get_or_add_rPr(), size_pt=11, bold=True)


def _fit(widths_cm: list[float], width: int) -> list[int]:
    """Column widths in proportion, filling the text width exactly: tables sit on both margins."""
    total = sum(widths_cm)
    sized = [int(width * w / total) for w in widths_cm]
    sized[-1] += width - sum(sized)
    return sized


def _table(document: DocxDocument, headers: list[str], widths: list[int]) -> Table:
    return header_table(document, headers, widths)


def header_table(
    document: DocxDocument,
    headers: list[str],
    widths: list[int],
    *,
    centred: bool = False,
    write: Callable[[Paragraph, str], object] | None = None,
) -> Table:
    """A table with fixed column widths and a shaded header row repeated on every page. On the
    margin unless centred; write puts each header's text in its paragraph (default: a plain run
    in the "Table Heading" style)."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER if centred else WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    if not centred:
        ooxml.table_indent(table, 0)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: what LibreOffice lays out by; Word reads the cell widths
    header = table.rows[0]
    ooxml.repeat_as_header(header)
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.width = width
        ooxml.shade_cell(cell, HEADER_FILL)
        paragraph = cell.paragraphs[0]
        paragraph.style = "Table Heading"
        if write is None:
            paragraph.add_run(xml_safe(text))
        else:
            write(paragraph, text)
    return table


class _Rows:
    """Body rows of one table. The first is built with python-docx; the rest are copies of it
    with new text, made by lxml: a national matrix has tens of thousands of cells, and
    python-docx looks up styles and children for each. Widths come from the table's grid."""

    def __init__(self, table: Table, *, aligns: str = "", whole: bool = True) -> None:
        self.table = table
        self.aligns = aligns  # per column: l(eft), c(entre), r(ight: numbers); default left
        self.whole = whole  # rows never split across pages (short rows); a tall row may, or leaves a page empty
        self.template: BaseOxmlElement | None = None

    def add(self, texts: list[str]) -> None:
        if self.template is None:
            self.template = self._first(len(texts))
        row = deepcopy(self.template)
        self.table._tbl.append(row)
        for cell, text in zip(row.iterchildren(qn("w:tc")), texts, strict=True):
            lines = xml_safe(text).split("\n")
            paragraph = cell.find(qn("w:p"))
            paragraph.find(qn("w:r")).find(qn("w:t")).text = lines[0]
            for line in lines[1:]:
                paragraph = deepcopy(paragraph)
                paragraph.find(qn("w:r")).find(qn("w:t")).text = line
                cell.append(paragraph)

    def _first(self, columns: int) -> BaseOxmlElement:
        row = self.table.add_row()
        if self.whole:
            ooxml.keep_row_together(row)
        for index, cell in enumerate(row.cells):
            paragraph = cell.paragraphs[0]
            paragraph.style = "Table Text"
            align = self.aligns[index] if index < len(self.aligns) else "l"
            if align != "l":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "c" else WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(" ")
            run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
        template = row._tr
        self.table._tbl.remove(template)
        return template
