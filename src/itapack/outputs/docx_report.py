"""The Word report: the base document's styles and page, filled with the report model.

Only content is built here; fonts, sizes and spacing come from templates/report-base.docx so an
office can restyle them in Word. Margins come from the pack (report settings).
"""

from __future__ import annotations

import io
import re
from copy import deepcopy
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm
from docx.table import Table

from ..model import ReportSettings
from . import ooxml
from .report import MARKER, Report, SectionBlock

A4 = (Cm(21.0), Cm(29.7))
HEADER_FILL = "E7E6E6"
GROUP_FILL = "F2F2F2"
# Characters XML 1.0 cannot hold (controls other than tab/newline, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def render(report: Report, base: Path, settings: ReportSettings) -> bytes:
    document = Document(str(base))
    _clear_body(document)
    section = document.sections[0]
    _page(section, settings, landscape=False)
    _footer(section)

    _title_block(document, report)
    _summary(document, report)
    for block in report.sections:
        _section(document, block, section_width(section))
    _matrix(document, report, settings)
    _followups(document, report, settings)
    _sign_off(document)

    properties = document.core_properties
    properties.title = xml_safe(report.title)
    properties.subject = xml_safe(report.fiscal_year)
    properties.author = properties.last_modified_by = xml_safe(report.office)
    properties.category = MARKER
    properties.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _clear_body(document: DocxDocument) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _page(section: object, settings: ReportSettings, *, landscape: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    section.page_width, section.page_height = (height, width) if landscape else (width, height)  # type: ignore[attr-defined]
    section.top_margin = Cm(settings.margin_top_cm)  # type: ignore[attr-defined]
    section.bottom_margin = Cm(settings.margin_bottom_cm)  # type: ignore[attr-defined]
    section.left_margin = Cm(settings.margin_left_cm)  # type: ignore[attr-defined]
    section.right_margin = Cm(settings.margin_right_cm)  # type: ignore[attr-defined]


def section_width(section: object) -> int:
    return section.page_width - section.left_margin - section.right_margin  # type: ignore[attr-defined]


def _footer(section: object) -> None:
    paragraph = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.style = "Footer"
    paragraph.text = "หน้า "
    ooxml.add_page_number(paragraph)


def _paragraph(document: DocxDocument, text: str, style: str, *, bold: bool = False) -> object:
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


def _summary(document: DocxDocument, report: Report) -> None:
    _paragraph(document, "สรุปผล", "Heading 1")
    _paragraph(document, report.outcome, "Normal", bold=True)
    _paragraph(document, report.counts, "Normal")
    if report.previous:
        _paragraph(document, report.previous, "Normal")
    for line in report.results:
        _paragraph(document, line, "Normal")
    if report.kinds:
        table = _table(
            document,
            ["ประเภทหน่วยงาน", "จำนวน", "ครบ/ต้องมี", "ร้อยละ"],
            [Cm(8), Cm(2.5), Cm(2.5), Cm(2.5)],
        )
        rows = _Rows(table)
        for kind in report.kinds:
            rows.add([kind.name, kind.units, kind.done, kind.percent])
    _paragraph(document, "สัญลักษณ์: " + "   ".join(report.legend), "Caption")


def _section(document: DocxDocument, block: SectionBlock, width: int) -> None:
    _paragraph(document, f"{block.heading}  {block.state}  {block.counts}", "Heading 1")
    for line in block.criteria:
        paragraph = _paragraph(document, f"{line.number} {line.text}".strip(), "Normal")
        paragraph.paragraph_format.left_indent = Cm(0.75 * line.depth)  # type: ignore[attr-defined]
        paragraph.paragraph_format.space_after = Cm(0.1)  # type: ignore[attr-defined]
    widths = [Cm(1.3), Cm(6.2), Cm(2.2)]
    widths.append(max(width - sum(widths), Cm(3)))
    rows = _Rows(_table(document, ["ข้อ", "เอกสาร", "สถานะ", "หลักฐาน / หมายเหตุ"], widths))
    for row in block.rows:
        evidence = [f"{link.name} ({link.size})" for link in row.files] + list(row.notes)
        rows.add([row.id, row.title, row.status_text, "\n".join(evidence)])


def _matrix(document: DocxDocument, report: Report, settings: ReportSettings) -> None:
    if not report.matrix_columns:
        return
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, settings, landscape=report.matrix_wide)
    _paragraph(document, "ตารางความครบถ้วนรายหน่วยงาน", "Heading 1")
    for column in report.matrix_columns:
        _paragraph(document, f"ข้อ {column.id} {column.title}", "Caption")
    fixed = [Cm(1.2), Cm(8.5)]
    done = Cm(1.6)
    room = section_width(section) - sum(fixed) - done
    per_document = max(room // len(report.matrix_columns), Cm(1.2))
    widths = [*fixed, *([per_document] * len(report.matrix_columns)), done]
    headers = ["ลำดับ", "หน่วยงาน", *(c.id for c in report.matrix_columns), "ครบ"]
    table = _table(document, headers, widths)
    rows = _Rows(table, centre_from=2)
    for group in report.matrix_groups:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        ooxml.shade_cell(merged, GROUP_FILL)
        paragraph = merged.paragraphs[0]
        paragraph.style = "Table Text"
        ooxml.bold_run(paragraph.add_run(xml_safe(group.heading)))
        for unit in group.rows:
            rows.add([unit.number, unit.name, *(cell.text for cell in unit.cells), unit.done])
    _paragraph(document, "สัญลักษณ์: " + "   ".join(report.legend), "Caption")


def _followups(document: DocxDocument, report: Report, settings: ReportSettings) -> None:
    if report.matrix_wide:
        _page(document.add_section(WD_SECTION.NEW_PAGE), settings, landscape=False)
    else:
        document.add_section(WD_SECTION.NEW_PAGE)
    _paragraph(document, "รายการที่ต้องติดตาม", "Heading 1")
    if not report.followups:
        _paragraph(document, "ไม่มี หลักฐานครบทุกรายการ", "Normal")
    last = None
    for followup in report.followups:
        _paragraph(document, followup.unit, "Heading 3")
        for item in followup.items:
            last = _paragraph(document, item, "List Bullet")
    if last is not None:  # the signature never stands alone on a page
        last.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]


def _sign_off(document: DocxDocument) -> None:
    blank = _paragraph(document, "", "Normal")
    blank.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
    for line in ("ลงชื่อ ............................................................ ผู้รายงาน",
                 "(............................................................)",
                 "ตำแหน่ง ............................................................"):  # fmt: skip
        paragraph = _paragraph(document, line, "Signature")
        paragraph.paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
        paragraph.paragraph_format.space_before = Cm(0.3)  # type: ignore[attr-defined]
    paragraph.paragraph_format.keep_with_next = False  # type: ignore[attr-defined]


def _table(document: DocxDocument, headers: list[str], widths: list[int]) -> Table:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: what LibreOffice lays out by; Word reads the cell widths
    header = table.rows[0]
    ooxml.repeat_as_header(header)
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.width = width
        ooxml.shade_cell(cell, HEADER_FILL)
        paragraph = cell.paragraphs[0]
        paragraph.style = "Table Heading"
        paragraph.add_run(xml_safe(text))
    return table


class _Rows:
    """Body rows of one table. The first is built with python-docx; the rest are copies of it
    with new text, made by lxml: a national matrix has tens of thousands of cells, and
    python-docx looks up styles and children for each. Widths come from the table's grid."""

    def __init__(self, table: Table, *, centre_from: int | None = None) -> None:
        self.table = table
        self.centre_from = centre_from
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
        ooxml.keep_row_together(row)
        for index, cell in enumerate(row.cells):
            paragraph = cell.paragraphs[0]
            paragraph.style = "Table Text"
            if self.centre_from is not None and index >= self.centre_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(" ")
            run._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
        template = row._tr
        self.table._tbl.remove(template)
        return template
