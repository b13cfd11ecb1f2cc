"""render --measures: the o42 draft's tables read back from the DOCX XML and the HTML, and printed."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from itapack.cli import app

from ..conftest import typed
from ..outputs.test_rendered_pages import THAI_FONTS, run, squeeze, tool
from .conftest import OWNER, REPORTING

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
runner = CliRunner()


@pytest.fixture
def drafts(measures_pack: Path) -> dict[str, Path]:
    result = runner.invoke(app, ["render", str(measures_pack), "--measures", "--date", "2566-01-15"])
    assert result.exit_code == 0, result.output
    reports = measures_pack / "reports"
    return {p.suffix: p for p in reports.iterdir()}


def docx_tables(path: Path) -> list[list[list[str]]]:
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(typed(archive.read("word/document.xml")))
    tables = []
    for table in root.iter(f"{W}tbl"):
        rows = []
        for row in table.iter(f"{W}tr"):
            cells = []
            for cell in row.iter(f"{W}tc"):
                lines = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in cell.iter(f"{W}p")]
                cells.append("\n".join(lines))
            rows.append(cells)
        tables.append(rows)
    return tables


def test_docx_results_table_has_seed_figures(drafts: dict[str, Path]) -> None:
    results = docx_tables(drafts[".docx"])[0]
    assert results[0] == ["เครื่องมือ", "ตัวชี้วัด", "คะแนน ปี 2565"]
    by_label = {row[1]: row[2] for row in results[1:]}
    assert by_label["คะแนนรวม ITA"] == "95.03 (AA)"
    assert by_label["คะแนนรวม IIT"] == "93.15"
    assert by_label["คะแนนรวม EIT"] == "91.94"
    assert by_label["ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล"] == "87.50"
    assert by_label["ตัวชี้วัดที่ 10 การป้องกันการทุจริต"] == "100.00"
    assert by_label["คะแนนรวม OIT"] == "93.75 *"  # not announced: worked out, and marked so


def test_docx_question_tables_carry_the_answer_distribution(drafts: dict[str, Path]) -> None:
    tables = docx_tables(drafts[".docx"])
    i19 = next(t for t in tables if t[1][0].startswith("บุคลากรในหน่วยงานของท่าน มีการเอาทรัพย์สิน"))
    assert i19[0] == ["หัวข้อการประเมิน", "น้อยที่สุดหรือไม่มีเลย", "น้อย", "มาก", "มากที่สุด", "คะแนน"]
    assert i19[1][1:] == ["96.40%", "3.15%", "0.45%", "0.00%", "98.66"]
    e1 = next(t for t in tables if t[1][0] == "เป็นไปตามขั้นตอนที่กำหนด")
    assert e1[1][1:] == ["0.33%", "1.00%", "21.40%", "77.26%", "91.93"]
    assert e1[2] == ["เป็นไปตามระยะเวลาที่กำหนด", "0.33%", "1.34%", "23.75%", "74.58%", "90.93"]


def test_docx_measures_table(drafts: dict[str, Path]) -> None:
    measures = docx_tables(drafts[".docx"])[-1]
    assert measures[0] == ["มาตรการ", "แนวทางการดำเนินการ/การปฏิบัติ", "การกำกับติดตาม/การรายงานผล", "ผู้รับผิดชอบ", "กำหนดเวลา"]
    assert len(measures) == 6  # m1-m5
    first = measures[1]
    assert first[0] == "การจัดทำแผนการใช้จ่ายงบประมาณประจำปีและการสร้างการรับรู้การใช้งบประมาณของหน่วยงาน"
    assert first[1].startswith("- จัดทำแผนการใช้จ่ายงบประมาณประจำปี") and first[1].count("\n- ") == 1
    assert first[2:] == [REPORTING, OWNER, "31 มีนาคม 2566"]
    assert measures[5][3] == "สำนักงานจังหวัดสมุทรปราการ"
    assert measures[5][2] == "รายงานผลภายใน 31 มีนาคม 2566"  # no note: the due date says it


def test_docx_drafts_are_marked_and_every_run_is_thai_16pt(drafts: dict[str, Path]) -> None:
    with zipfile.ZipFile(drafts[".docx"]) as archive:
        root = ElementTree.fromstring(typed(archive.read("word/document.xml")))
        core = archive.read("docProps/core.xml").decode()
    assert "itapack report" in core
    runs = [r for r in root.iter(f"{W}r") if r.find(f"{W}t") is not None]
    highlighted = ["".join(t.text for t in r.iter(f"{W}t")) for r in runs if r.find(f"{W}rPr/{W}highlight") is not None]
    # A blank to fill for the principle (1), a weak indicator each (5), the questions (1); what to write
    # there is a Word comment beside it, never the printed text.
    assert len(highlighted) == 7 and all("……" in text for text in highlighted), highlighted
    assert not [t for t in highlighted if "[ร่าง]" in t or "(" in t]
    with zipfile.ZipFile(drafts[".docx"]) as archive:
        comments = ElementTree.fromstring(typed(archive.read("word/comments.xml")))
    notes = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in comments.iter(f"{W}comment")]
    assert len(notes) == 8 and "ร่างเอกสารมาตรการ" in notes[0]  # the title's: how to finish the draft
    assert "สาเหตุที่ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการได้ 91.22 คะแนน และสิ่งที่ควรทำ" in notes
    anchored = len(list(root.iter(f"{W}commentRangeStart")))
    assert anchored == len(notes) == len(list(root.iter(f"{W}commentReference")))
    for run_element in runs:
        fonts = run_element.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None
        assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"TH Sarabun New"}
        assert run_element.find(f"{W}rPr/{W}szCs") is not None
    assert {r.find(f"{W}rPr/{W}sz").get(f"{W}val") for r in runs} <= {"28", "32", "36", "40"}  # 14-20 pt
    body = root.find(f"{W}body")
    normal = [p for p in body.findall(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is None]  # Normal paragraphs
    sizes = {
        r.find(f"{W}rPr/{W}sz").get(f"{W}val") for p in normal for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None
    }
    assert normal and sizes == {"32"}  # the body text is 16 pt
    page = root.find(f".//{W}sectPr/{W}pgSz")
    assert (page.get(f"{W}w"), page.get(f"{W}h")) == ("11906", "16838")  # A4


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.marks: list[str] = []
        self._cell: list[str] | None = None
        self._mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "mark":
            self._mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "mark":
            self._mark = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._mark:
            self.marks[-1] += data


def test_html_has_the_same_tables(drafts: dict[str, Path]) -> None:
    parser = _Tables()
    parser.feed(typed(drafts[".html"].read_text(encoding="utf-8")))
    results, measures = parser.tables[0], parser.tables[-1]
    assert ["รวม", "คะแนนรวม ITA", "95.03 (AA)"] in results
    assert measures[0] == ["มาตรการ", "แนวทางการดำเนินการ/การปฏิบัติ", "การกำกับติดตาม/การรายงานผล", "ผู้รับผิดชอบ", "กำหนดเวลา"]
    assert [row[4] for row in measures[1:]] == ["31 มีนาคม 2566"] * 5
    assert len(parser.marks) == 7 and all(mark.count("……") for mark in parser.marks)


def test_thai_digits_switch(measures_pack: Path) -> None:
    result = runner.invoke(app, ["render", str(measures_pack), "--measures", "--thai-digits", "--format", "docx"])
    assert result.exit_code == 0, result.output
    results = docx_tables(measures_pack / "reports" / "o42-มาตรการ-2566.docx")[0]
    assert ["รวม", "คะแนนรวม ITA", "๙๕.๐๓ (AA)"] in results


def test_without_previous_results_it_says_what_to_do(tmp_path: Path) -> None:
    from ..conftest import write_pack
    from .conftest import MEASURES_SECTIONS

    root = write_pack(tmp_path / "p", pack="itapack: 2\nfiscal_year: 2566\nprovince: ทดสอบ\nscoring: checklist\n",
                      levels=MEASURES_SECTIONS, units=None, structure_file="sections.yaml")  # fmt: skip
    result = runner.invoke(app, ["render", str(root), "--measures"])
    assert result.exit_code == 2
    assert "previous.results" in result.stderr


@pytest.mark.render_tools
def test_o42_prints_through_libreoffice_with_the_report_fonts(drafts: dict[str, Path], tmp_path: Path) -> None:
    soffice = tool("soffice", "libreoffice")
    pdftotext, pdffonts, pdfinfo = tool("pdftotext"), tool("pdffonts"), tool("pdfinfo")
    run(soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
        "--outdir", tmp_path, drafts[".docx"])  # fmt: skip
    pdf = tmp_path / "o42-มาตรการ-2566.pdf"
    text = squeeze(run(pdftotext, "-raw", pdf, "-"))
    for expected in ("95.03", "AA", "93.15", "91.94", "87.50", "100.00", "98.66", "การใช้ทรัพย์สินของราชการ",
                     "การแต่งตั้งคณะกรรมการขับเคลื่อนการประเมินITA", "31มีนาคม2566", "อาจเกิดจาก……จึงควร……"):  # fmt: skip
        assert squeeze(expected) in text, expected
    # The body's own document: no tool's name, no instructions to the writer, the year once in the title.
    assert "itapack" not in text.lower() and "ร่าง" not in text and "ผู้จัดทำ" not in text
    title_block = text[: text.index(squeeze("1. หลักการและเหตุผล"))]
    assert title_block.count("2566") == 1, title_block  # the title says the year; no subtitle repeats it
    fonts = run(pdffonts, pdf)
    assert THAI_FONTS.search(fonts), fonts
    info = run(pdfinfo, pdf)
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info


def test_the_measures_examples_draft_carries_seed_001s_figures(tmp_path: Path) -> None:
    """examples/measures-2566 holds seed 001's FY 2565 results; its o42 draft must print them."""
    example = Path(__file__).resolve().parents[2] / "examples" / "measures-2566"
    out = tmp_path / "o42"
    result = runner.invoke(app, ["render", str(example), "--measures", "--out", str(out), "--date", "2566-01-15"])
    assert result.exit_code == 0, result.output
    results, *others = docx_tables(next(out.glob("*.docx")))
    by_label = {row[1]: row[2] for row in results[1:]}
    assert by_label["คะแนนรวม ITA"] == "95.03 (AA)"
    assert (by_label["คะแนนรวม IIT"], by_label["คะแนนรวม EIT"]) == ("93.15", "91.94")
    assert by_label["ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล"] == "87.50"
    assert by_label["ตัวชี้วัดที่ 10 การป้องกันการทุจริต"] == "100.00"
    measures = others[-1]
    assert [row[0] for row in measures[1:]][:1] == [
        "การจัดทำแผนการใช้จ่ายงบประมาณประจำปีและการสร้างการรับรู้การใช้งบประมาณของหน่วยงาน"
    ]


def test_one_landscape_table_of_measures_runs_on_across_pages(drafts: dict[str, Path]) -> None:
    with zipfile.ZipFile(drafts[".docx"]) as archive:
        root = ElementTree.fromstring(typed(archive.read("word/document.xml")))
    measures = list(root.iter(f"{W}tbl"))[-1]
    rows = measures.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None  # the header repeats on each page
    assert all(row.find(f"{W}trPr/{W}cantSplit") is None for row in rows[1:])  # a long measure runs on
    orientations = [s.find(f"{W}pgSz").get(f"{W}orient") for s in root.iter(f"{W}sectPr")]
    assert orientations[-1] == "landscape" and orientations.count("landscape") == 1


@pytest.mark.render_tools
def test_the_html_draft_prints_numbered_pages_and_a_landscape_measures_table(
    drafts: dict[str, Path], tmp_path: Path
) -> None:
    from ..outputs.test_rendered_pages import page_text, print_html

    pdf = print_html(drafts[".html"], tmp_path)
    info = run(tool("pdfinfo"), "-l", "99", pdf)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert float(sizes[0][0]) < float(sizes[0][1]) and float(sizes[-1][0]) > float(sizes[-1][1])  # A4, then landscape
    assert sum(float(w) > float(h) for w, h in sizes) < 5  # the five measures share pages
    assert page_text(pdf, 2).splitlines()[0].replace(" ", "") == "-2-"
    printed = squeeze(run(tool("pdftotext"), pdf, "-"))
    assert "itapack" not in printed.lower() and "ผู้จัดทำ" not in printed  # the writer's notes stay on screen


def test_the_renderers_import_the_model_not_the_builder() -> None:
    """scores.o42 builds the model and calls the renderers; they import only the model: no cycle."""
    import ast

    from itapack.scores import o42_docx, o42_html, o42_model

    for module in (o42_docx, o42_html, o42_model):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1}
        assert "o42" not in imported, module.__name__


def test_both_drafts_say_what_is_derived_and_where_the_figures_come_from(drafts: dict[str, Path]) -> None:
    with zipfile.ZipFile(drafts[".docx"]) as archive:
        root = ElementTree.fromstring(typed(archive.read("word/document.xml")))
    docx = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))
    html = typed(drafts[".html"].read_text(encoding="utf-8"))
    for text in (docx, html):
        # OIT 93.75 is the mean of indicators 9 and 10, not an announced score: said under the table,
        # as the body's own document says it (no tool's name).
        assert "* คำนวณจากคะแนนตัวชี้วัดหรือเกณฑ์ของแคตตาล็อก ไม่ใช่ค่าที่ประกาศ" in text
        assert "ผลระดับประเทศ ปี 2565" in text and "8,303" in text and "87.57" in text and "หน่วยงานนี้ 95.03" in text
        assert "ที่มาของเกณฑ์และตัวเลข (แคตตาล็อกปี 2565 มีส่วนที่ยังไม่ยืนยันกับคู่มือการประเมิน):" in text
        assert "ยังไม่ยืนยัน (แหล่งทุติยภูมิ)" in text and "ยืนยันแล้ว" in text
