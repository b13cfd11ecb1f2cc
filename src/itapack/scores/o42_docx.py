"""The o42 draft as Word: the report's base document (styles, A4, fonts) filled with the o42 model.

Every run gets TH Sarabun New on all four font slots and its size for complex script too, so the
Thai text never falls back to a theme font; draft sentences are highlighted yellow.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table

from ..outputs import ooxml
from ..outputs.docx_report import header_table, new_section, saved, section_width, start_document, xml_safe
from ..pack.model import ReportSettings
from .o42_model import MEASURE_HEADERS, O42, Paragraph, QuestionTable

SIZES = {"Title": 20, "Subtitle": 16, "Heading 1": 18, "Heading 2": 16, "Heading 3": 16, "Normal": 16,
         "List Bullet": 16, "Caption": 14, "Table Text": 14, "Table Heading": 14}  # fmt: skip
DRAFT_FILL = "yellow"


def render(model: O42, base: Path, settings: ReportSettings) -> bytes:
    document, width = start_document(base, settings, model.thai_digits)  # --thai-digits over pack.yaml
    author = model.organisation

    title = _text(document, model.title, "Title")
    document.add_comment(title.runs, text=model.writer_note, author=author)  # never printed
    if model.subtitle:
        _text(document, model.subtitle, "Subtitle")

    _text(document, model.headings[0], "Heading 1")
    for paragraph in model.principle:
        _paragraph(document, paragraph, author=author)

    _text(document, model.headings[1], "Heading 1")
    _text(document, model.result_line, "Normal")
    table = _table(document, list(model.results_headers), [Cm(2.5), width - Cm(6), Cm(3.5)])
    for instrument, indicator, score, kind in model.results_rows:
        _row(table, [instrument, indicator, score], bold=kind != "indicator", centre_from=2)
    for note in model.results_notes:
        _text(document, note, "Caption")

    _text(document, model.headings[2], "Heading 1")
    for block in model.instruments:
        _text(document, f"{block.number} {block.title} คะแนน {block.score}", "Heading 2")
        for line in block.indicators:
            _text(document, line, "List Bullet")
        _paragraph(document, block.summary, author=author)
        for weak in block.weak:
            _text(document, f"● {weak.heading}", "Heading 3")
            _text(document, weak.group, "Caption")
            for question in weak.tables:
                _question_table(document, question, width)
            _paragraph(document, weak.analysis, author=author)
    _paragraph(document, model.conclusion, bold=True, author=author)

    # The measures table has five columns of prose: one landscape table, as offices print it, whose
    # rows run on across pages under a repeated header rather than leave a page half empty.
    landscape = new_section(document, settings, landscape=True, thai_digits=model.thai_digits)
    _text(document, model.headings[3], "Heading 1")
    widths = [Cm(4.6), Cm(9.0), Cm(4.2), Cm(4.2)]
    widths.append(max(section_width(landscape) - sum(widths), Cm(2.4)))
    table = _table(document, list(MEASURE_HEADERS), widths)
    for measure in model.measures:
        actions = "\n".join(f"- {action}" for action in measure.actions)
        _row(table, [measure.title, actions, measure.follow_up, measure.owner, measure.due], whole=False)

    for line in model.provenance:
        _text(document, line, "Caption")

    return saved(document, title=model.title, subject=model.fiscal_year, author=model.organisation, comments="o42")


def _run(paragraph: object, text: str, style: str, *, bold: bool = False, draft: bool = False) -> object:
    run = paragraph.add_run(xml_safe(text))  # type: ignore[attr-defined]
    rpr = run._r.get_or_add_rPr()
    ooxml.thai_run_properties(rpr, SIZES.get(style, 16), True if bold else None)
    if draft:
        highlight = rpr.makeelement(qn("w:highlight"), {qn("w:val"): DRAFT_FILL})
        ooxml.set_run_property(rpr, highlight)
    return run


def _text(document: DocxDocument, text: str, style: str, *, bold: bool = False, draft: bool = False) -> object:
    paragraph = document.add_paragraph(style=style)
    _run(paragraph, text, style, bold=bold, draft=draft)
    return paragraph


def _paragraph(document: DocxDocument, paragraph: Paragraph, *, author: str, bold: bool = False) -> None:
    target = document.add_paragraph(style="Normal")
    target.paragraph_format.first_line_indent = Cm(1.25)  # type: ignore[attr-defined]
    if paragraph.bold_lead:
        _run(target, paragraph.bold_lead + " ", "Normal", bold=True)
    run = _run(target, paragraph.text, "Normal", bold=bold, draft=paragraph.draft)
    if paragraph.note:  # what to write there: a comment in the margin, which Word does not print by default
        document.add_comment(run, text=xml_safe(paragraph.note), author=author)  # type: ignore[arg-type]


def _table(document: DocxDocument, headers: list[str], widths: list[int]) -> Table:
    return header_table(
        document, headers, widths, centred=True, write=lambda p, text: _run(p, text, "Table Heading", bold=True)
    )


def _row(
    table: Table, texts: list[str], *, bold: bool = False, centre_from: int | None = None, whole: bool = True
) -> None:
    """whole: the row never splits across pages (short rows); a long measure may."""
    row = table.add_row()
    if whole:
        ooxml.keep_row_together(row)
    for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
        cell.width = table.columns[index].width
        for number, line in enumerate(text.split("\n")):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            paragraph.style = "Table Text"
            if centre_from is not None and index >= centre_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, line, "Table Text", bold=bold)


def _question_table(document: DocxDocument, question: QuestionTable, width: int) -> None:
    _text(document, question.heading, "Caption", bold=True)
    if not question.rows:
        return
    shares = [Cm(2.2)] * 4 + [Cm(2.0)]
    table = _table(document, list(question.headers), [max(width - sum(shares), Cm(4)), *shares])
    for row in question.rows:
        _row(table, list(row), centre_from=1)
