"""Annex C, what each unit still owes: one reason said once, a unit that sent nothing in one short
line, and a large pack's list one line a unit on paper in the DOCX and the HTML alike."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

from itapack.outputs import report

from ..conftest import PACK_YAML, PDF, render, run_check, typed, write_pack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = (
    "levels:\n  - number: 1\n    documents:\n"
    '      - {id: "1.1", title: รายงานผล, per_unit: [sao]}\n'
    '      - {id: "1.2", title: ภาพกิจกรรม, per_unit: [sao]}\n'
)


def units(count: int) -> str:
    roster = "kinds:\n  - {id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}\nunits:\n"
    return roster + "".join(
        f"  - {{id: u{n}, name: องค์การบริหารส่วนตำบลทดสอบ{n:03d}, kind: sao}}\n" for n in range(count)
    )


def followups(root: Path) -> tuple[report.FollowUp, ...]:
    result = run_check(root, today=date(2024, 2, 1))
    return report.build(result, report_dir_to_pack="..", today=date(2024, 2, 1), thai_digits=False).followups


def test_the_same_reason_twice_is_said_once_with_its_count(tmp_path: Path) -> None:
    broken = b"%PDF-1.4 cut short"
    evidence = {"1.1 รายงานผล": {"องค์การบริหารส่วนตำบลทดสอบ000": {"ก.pdf": broken, "ข.pdf": broken}}}
    root = write_pack(tmp_path / "pack", pack=PACK_YAML, levels=LEVELS, units=units(1), evidence=evidence)
    (owing,) = followups(root)
    first = next(item for item in owing.items if item.startswith("ข้อ 1.1"))
    assert "(2 ไฟล์)" in first, first
    reason = first.split("(", 1)[1]
    assert reason.count("ไฟล์เสีย") == 1, first


def test_a_unit_that_sent_nothing_owes_everything_in_one_short_line(tmp_path: Path) -> None:
    evidence = {"1.1 รายงานผล": {"องค์การบริหารส่วนตำบลทดสอบ001": {"a.pdf": PDF}}}
    root = write_pack(tmp_path / "pack", pack=PACK_YAML, levels=LEVELS, units=units(2), evidence=evidence)
    by_unit = {f.unit: f.brief for f in followups(root)}
    assert by_unit["องค์การบริหารส่วนตำบลทดสอบ000"] == "✗ ทุกข้อ (2 รายการ)"
    assert by_unit["องค์การบริหารส่วนตำบลทดสอบ001"] == "✗ 1.2"  # owes one of two: named


def test_a_large_packs_followups_print_one_line_a_unit_under_a_heading_across_the_page(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", pack=PACK_YAML, levels=LEVELS, units=units(report.COMPACT_FOLLOWUPS + 1))
    reports = {p.suffix: p for p in render(root, tmp_path / "out")}
    with zipfile.ZipFile(reports[".docx"]) as archive:
        body = typed(archive.read("word/document.xml").decode())
    heading = body.index("รายการที่ต้องติดตาม")
    after = re.findall(r"<w:cols [^>]*>", body[heading:])
    # The heading's section (its sectPr ends the legend's paragraph) is one column; the units' is two.
    assert len(after) == 2 and 'w:num="1"' in after[0] and 'w:num="2"' in after[1], after
    page = typed(reports[".html"].read_text(encoding="utf-8"))
    compact = re.search(r'<div class="print-only compact">(.*?)</div>', page, re.S)
    assert compact and "อบต.ทดสอบ000</b>  ✗ ทุกข้อ (2 รายการ)" in compact.group(1)
    assert '<div class="screen-only">' in page[compact.end() :]  # the full list stays on screen
