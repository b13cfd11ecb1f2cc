"""Numbers one way on every paper: thousands separated from 1,000, and under --thai-digits ๐–๙
throughout (headings, list numbers, tables, page numbers); file names stay as they are on disk."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from ..conftest import EXAMPLE, REPORT_DAY, render, typed
from .test_rendered_pages import ten_documents_pack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
YEAR = re.compile(r"^25\d\d$")  # a Buddhist-era year is written without a separator
LONG_NUMBER = re.compile(r"(?<![\d,.])\d{4,}(?![\d,])")
ON_DISK = re.compile(r"evidence/|\.(pdf|jpg|jpeg|png|docx|xlsx)\b", re.IGNORECASE)  # a name, as the clerk typed it


def docx_paragraphs(path: Path) -> list[str]:
    texts = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = ElementTree.fromstring(typed(archive.read(name)))
                texts += ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return [text for text in texts if text]


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.texts.append(data.strip())


def html_texts(path: Path) -> list[str]:
    parser = _Visible()
    parser.feed(typed(path.read_text(encoding="utf-8")))
    return parser.texts


def texts_of(path: Path) -> list[str]:
    return docx_paragraphs(path) if path.suffix == ".docx" else html_texts(path)


def test_every_count_from_1000_is_thousands_separated(tmp_path: Path) -> None:
    pack = ten_documents_pack(tmp_path / "pack", 120)  # 1,200 per-unit requirements
    for report in render(pack, tmp_path / "out"):
        texts = texts_of(report)
        assert any("1,201" in text for text in texts), report.name  # the summary's count
        unseparated = {number for text in texts if not ON_DISK.search(text) for number in LONG_NUMBER.findall(text)}
        assert {n for n in unseparated if not YEAR.match(n)} == set(), report.name


def test_thai_digits_throughout_but_in_file_names(tmp_path: Path) -> None:
    for pack in (EXAMPLE, EXAMPLE.parent / "measures-2566", EXAMPLE.parent / "oit-2566"):
        for report in render(pack, tmp_path / pack.name, thai_digits=True):
            arabic = [t for t in texts_of(report) if re.search(r"[0-9]", t) and not ON_DISK.search(t)]
            assert arabic == [], (report.name, arabic[:5])
            if report.suffix == ".docx":
                with zipfile.ZipFile(report) as archive:
                    document = archive.read("word/document.xml").decode()
                formats = re.findall(r'<w:pgNumType w:fmt="(\w+)"', document)
                assert formats and set(formats) == {"thaiNumbers"}, formats  # every section's page numbers


def test_the_o42_draft_numbers_its_parts_in_its_own_digits(tmp_path: Path) -> None:
    from itapack.pack.loader import load_pack
    from itapack.scores.o42 import render_measures

    pack = load_pack(EXAMPLE.parent / "measures-2566")
    for thai_digits in (True, False):
        out = tmp_path / str(thai_digits)
        for draft in render_measures(
            pack, out=out, formats=("docx", "html"), thai_digits=thai_digits, today=REPORT_DAY, force=False
        ):
            texts = texts_of(draft)
            numbered = ["หลักการและเหตุผล", "การเก็บข้อมูลจากบุคลากรภายใน"]
            expected = [("๑. " if thai_digits else "1. ") + start for start in numbered]
            assert all(any(t.startswith(e) for t in texts) for e in expected), draft.name
            if thai_digits:  # and every other number too; the pack's own text (measures) as typed otherwise
                arabic = [t for t in texts if re.search("[0-9]", t) and not ON_DISK.search(t)]
                assert arabic == [], (draft.name, arabic[:5])


def test_a_column_of_shares_has_one_decimal_throughout(tmp_path: Path) -> None:
    """99.0 beside 98.9, never 99 beside 98.9: the report's shares read as the workbook's 0.0 does."""
    pack = ten_documents_pack(tmp_path / "pack", 120)
    for report in render(pack, tmp_path / "out"):
        texts = texts_of(report)
        shares = [m for t in texts for m in re.findall(r"\((\d+(?:\.\d+)?)%\)", t)]
        assert shares and all(re.fullmatch(r"\d+\.\d", share) for share in shares), (report.name, shares)


def test_the_terminal_writes_counts_and_shares_as_the_papers_do() -> None:
    from itapack.outputs import wording

    assert wording.done_of(1584, 1600) == "1,584/1,600"
    assert [wording.percent(v) for v in (99.0, 98.94, 100.0, 62.5)] == ["99.0", "98.9", "100.0", "62.5"]


def test_the_summary_column_says_which_figure_it_shows(tmp_path: Path) -> None:
    """The measures example's sections are weighted: their line shows a score, which the column
    headed "ร้อยละ" called a share (100 above 88.92). The heading names the figure, and scores
    are written in two decimals, as ITA writes them."""
    for report in render(EXAMPLE.parent / "measures-2566", tmp_path / "out"):
        texts = texts_of(report)
        start = texts.index("หมวด")
        assert texts[start : start + 4] == ["หมวด", "สถานะ", "ครบ/ต้องมี", "คะแนน"], (report.name, texts[start:])
        assert "100.00" in texts[start:] and "88.92" in texts[start:], report.name
    for report in render(EXAMPLE, tmp_path / "ladder"):
        texts = texts_of(report)
        assert texts[texts.index("ระดับ") + 3] in ("ร้อยละ", "ร้อยละ / คะแนน"), report.name
