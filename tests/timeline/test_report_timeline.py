"""The timeline annex of the DOCX and HTML report: one row per dated item, one column per month."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from itapack.check import check
from itapack.pack.loader import load_pack
from itapack.render import render_reports

from ..conftest import EXAMPLE, ROOT, typed

PLAN_EXAMPLE = ROOT / "examples" / "samutprakan-2565"
DAY = date(2022, 3, 20)  # 20 มี.ค. 2565


def rendered(pack_root: Path, out: Path, day: date = DAY) -> list[Path]:
    pack = load_pack(pack_root)
    return render_reports(pack, check(pack, today=day), out=out, today=day)


def test_docx_has_the_year_by_month(tmp_path: Path) -> None:
    docx, _html = rendered(PLAN_EXAMPLE, tmp_path)
    document = Document(str(docx))
    texts = [typed(p.text) for p in document.paragraphs]
    # No per-unit documents in this pack: no unit matrix, and the plan is the third annex, not a gap.
    assert "ภาคผนวก ค ปฏิทินงาน ITA ปีงบประมาณ พ.ศ. 2565 (ณ วันที่ 20 มีนาคม 2565)" in texts
    table = document.tables[-1]
    header = [typed(cell.text) for cell in table.rows[0].cells]
    assert header[:3] == ["รายการ", "ผู้รับผิดชอบ", "ต.ค.\n64"] and header[13:] == ["ก.ย.\n65", "สถานะ"]
    rows = {typed(row.cells[0].text): row for row in table.rows[1:]}
    assert len(rows) == 8  # seed 002's eight steps
    late = rows["ขั้นที่ 3 ลงทะเบียนการประเมินและนำเข้าข้อมูลประกอบการประเมิน"]
    marks = [cell.text for cell in late.cells[2:14]]
    assert marks == ["", "", "", "", "‼", "", "", "", "", "", "", ""]  # due in February
    fills = [_fill(cell) for cell in late.cells[2:14]]
    assert fills[3:5] == ["DEEAF6", "F4CCCC"]  # January runs, February is late
    assert typed(late.cells[14].text) == "เกินกำหนด"
    assert document.sections[-1].page_width > document.sections[-1].page_height  # landscape


def test_html_has_the_same_table(tmp_path: Path) -> None:
    _docx, html = rendered(PLAN_EXAMPLE, tmp_path)
    text = typed(html.read_text(encoding="utf-8"))
    assert '<section id="timeline" class="annex wide">' in text
    assert text.count('class="month due state-overdue"') == 1
    assert text.count('class="month due state-done"') == 1
    assert '<th class="month">ต.ค.<br>64</th>' in text


def test_only_a_pack_with_a_drive_plan_gets_the_annex(tmp_path: Path) -> None:
    _docx, html = rendered(EXAMPLE, tmp_path / "without", date(2024, 2, 1))  # meetings, but no plan.yaml
    assert 'id="timeline"' not in html.read_text(encoding="utf-8")


def _fill(cell: object) -> str | None:
    shading = cell._tc.tcPr.find(qn("w:shd"))  # type: ignore[attr-defined]
    return None if shading is None else shading.get(qn("w:fill"))
