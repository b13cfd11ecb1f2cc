"""The o42 draft's model: what the DOCX and the HTML both lay out. Kept apart from o42.build, which
works it out, so that the two renderers and the builder import it and not each other."""

from __future__ import annotations

from dataclasses import dataclass, field

BLANK = "……"  # where the writer fills in, printed highlighted
INSTRUMENT_TITLES = {
    "iit": "การเก็บข้อมูลจากบุคลากรภายในหน่วยงานภาครัฐ (Internal Integrity and Transparency Assessment – IIT)",
    "eit": "การเก็บข้อมูลจากผู้รับบริการหรือผู้มาติดต่อหน่วยงานภาครัฐ (External Integrity and Transparency Assessment – EIT)",
    "oit": "การเปิดเผยข้อมูลทางเว็บไซต์ของหน่วยงาน (Open Data Integrity and Transparency Assessment – OIT)",
}
MEASURE_HEADERS = ("มาตรการ", "แนวทางการดำเนินการ/การปฏิบัติ", "การกำกับติดตาม/การรายงานผล", "ผู้รับผิดชอบ", "กำหนดเวลา")


@dataclass(frozen=True)
class Paragraph:
    text: str
    draft: bool = False  # to be finished by the writer: highlighted
    bold_lead: str = ""  # a bold opening ("ผลการวิเคราะห์")
    note: str = ""  # what the writer is to put there: a Word comment, a note on screen, never printed


@dataclass(frozen=True)
class QuestionTable:
    heading: str  # "I19 บุคลากรในหน่วยงาน… 98.66"
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class WeakBlock:
    heading: str  # "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ (91.22 คะแนน)"
    group: str
    tables: tuple[QuestionTable, ...]
    analysis: Paragraph


@dataclass(frozen=True)
class InstrumentBlock:
    number: str  # "1.", in the draft's digits
    title: str
    score: str
    indicators: tuple[str, ...]  # "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 95.43 คะแนน"
    summary: Paragraph
    weak: tuple[WeakBlock, ...]


@dataclass(frozen=True)
class Measure:
    title: str
    actions: tuple[str, ...]
    follow_up: str
    owner: str
    due: str


@dataclass
class O42:
    title: str
    organisation: str
    fiscal_year: str
    previous_year: str
    principle: tuple[Paragraph, ...]
    result_line: str
    results_headers: tuple[str, ...]
    results_rows: list[tuple[str, ...]]  # (instrument or "", indicator, score, kind) kind: total/instrument/indicator
    results_notes: tuple[str, ...] = ()  # under the table: what is derived, the national results
    provenance: tuple[str, ...] = ()  # where the catalogue's figures come from, at the end
    instruments: list[InstrumentBlock] = field(default_factory=list)
    conclusion: Paragraph = Paragraph("")
    measures: list[Measure] = field(default_factory=list)
    writer_note: str = ""  # how to finish the draft: a comment on the title, never printed
    subtitle: str = ""  # the fiscal year under the title, unless the title already says it
    headings: tuple[str, ...] = ()  # the four numbered parts, in the draft's digits
    thai_digits: bool = False  # page numbers ๑ ๒ ๓ in the HTML too
