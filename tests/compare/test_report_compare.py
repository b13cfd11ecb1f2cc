"""The report's comparison with last year: an annex when previous.pack names a pack that is there."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from docx import Document

from itapack.check import check
from itapack.pack.loader import load_pack
from itapack.render import render_reports
from itapack.year.rollover import rollover

from ..conftest import EXAMPLE, PDF, ROOT, typed

DAY = date(2025, 1, 10)


def rendered(pack_root: Path, out: Path) -> tuple[Path, Path]:
    pack = load_pack(pack_root)
    docx, html = render_reports(pack, check(pack, today=DAY), out=out, today=DAY)
    return docx, html


def rolled(tmp_path: Path, source: Path = EXAMPLE) -> Path:
    target = tmp_path / "samutprakan-2568"
    rollover(load_pack(source), 2568, target)
    plan = target / "evidence" / "4.4 แผนการขับเคลื่อนการประเมิน ITA จ.สป.68"
    plan.mkdir(parents=True, exist_ok=True)
    (plan / "แผน.pdf").write_bytes(PDF)
    return target


def test_a_rolled_pack_reports_against_last_year(tmp_path: Path) -> None:
    docx, html = rendered(rolled(tmp_path), tmp_path / "reports")
    texts = [typed(p.text) for p in Document(str(docx)).paragraphs]
    assert "ภาคผนวก ง เทียบกับปีงบประมาณ พ.ศ. 2567" in texts
    assert any(t.startswith("เคยครบแต่ปีนี้ยังไม่ครบ 143 รายการ ปีนี้ทำแล้ว 1 รายการ") for t in texts)
    table = Document(str(docx)).tables[-1]  # still missing both years
    assert [typed(c.text) for c in table.rows[0].cells] == ["เอกสาร", "ปีก่อน → ปีนี้", "หน่วยงาน"]
    page = typed(html.read_text(encoding="utf-8"))
    assert '<section id="compare" class="annex">' in page
    assert "<td>ข้อ 4.4 แผนการขับเคลื่อนการประเมิน ITA จ.สป.68</td><td>ขาด → ครบ</td>" in page


def test_last_years_pack_gone_the_report_is_written_without_the_annex(tmp_path: Path) -> None:
    source = tmp_path / "samutprakan-2567"
    shutil.copytree(EXAMPLE, source)
    target = rolled(tmp_path, source)
    shutil.rmtree(source)
    _docx, html = rendered(target, tmp_path / "reports")
    assert 'id="compare"' not in html.read_text(encoding="utf-8")


def test_with_a_plan_the_comparison_is_the_next_annex(tmp_path: Path) -> None:
    pack_root = tmp_path / "samutprakan-2565"
    shutil.copytree(ROOT / "examples" / "samutprakan-2565", pack_root)
    pack_file = pack_root / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8") + "previous:\n  fiscal_year: 2564\n  pack: ../samutprakan-2565\n"
    pack_file.write_text(text, encoding="utf-8")  # itself as last year: nothing changed
    _docx, html = rendered(pack_root, tmp_path / "reports")
    page = typed(html.read_text(encoding="utf-8"))
    # No per-unit documents, no unit matrix: the letters run on without a gap (ก ข ค ง).
    headings = re.findall(r"<h2>(ภาคผนวก \S+) ", page)
    assert headings == ["ภาคผนวก ก", "ภาคผนวก ข", "ภาคผนวก ค", "ภาคผนวก ง"]
    assert page.index("<h2>ภาคผนวก ค ปฏิทินงาน") < page.index("<h2>ภาคผนวก ง เทียบกับปีงบประมาณ พ.ศ. 2565</h2>")
