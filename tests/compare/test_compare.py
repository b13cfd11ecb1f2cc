"""itapack compare OLD NEW: two years' packs side by side, per document and per unit, and their scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app
from itapack.compare.command import run
from itapack.compare.diff import title_key

from ..conftest import PDF, write_pack

runner = CliRunner()


def pack_yaml(year: int, results: str = "") -> str:
    return f"""\
itapack: 2
fiscal_year: {year}
organisation: {{kind: province, name: จังหวัดทดสอบ}}
province: ทดสอบ
{results}"""


UNITS = """\
kinds:
  - {id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}
units:
  - {id: sao-bang-bo, name: องค์การบริหารส่วนตำบลบางบ่อ, kind: sao}
  - {id: sao-khlong-dan, name: องค์การบริหารส่วนตำบลคลองด่าน, kind: sao}
"""
# Next year a unit is renumbered (same name, new id), one is gone, one is new.
UNITS_NEXT = UNITS.replace("sao-bang-bo,", "sao-bangbo,").replace(
    "{id: sao-khlong-dan, name: องค์การบริหารส่วนตำบลคลองด่าน", "{id: sao-preng, name: องค์การบริหารส่วนตำบลเปร็ง"
)
LEVELS = """\
levels:
  - number: 1
    criteria: [{text: มอบหมาย}]
    documents:
      - {id: 1.1, title: บันทึกข้อความมอบหมายภารกิจ}
      - {id: 1.2, title: "รายงานการประชุม {date}", date: 2566-11-24}
      - {id: 1.3, title: คำรับรองการปฏิบัติราชการ, per_unit: [sao]}
      - {id: 1.4, title: แผนการขับเคลื่อน ITA ปี 2567}
      - {id: 1.5, title: ภาพกิจกรรม}
"""
# 1.2 is 1.6 next year (the meeting moved, the id too); 1.5 dropped; 1.7 new.
LEVELS_NEXT = (
    LEVELS.replace(
        '{id: 1.2, title: "รายงานการประชุม {date}", date: 2566-11-24}',
        '{id: 1.6, title: "รายงานการประชุม {date}", date: 2567-11-20}',
    )
    .replace("ITA ปี 2567", "ITA ปี 2568")
    .replace("{id: 1.5, title: ภาพกิจกรรม}", "{id: 1.7, title: รายงานผลการสำรวจความพึงพอใจ}")
)
RESULTS_OLD = """\
results:
  total: 90.00
  iit: 92.00
  indicators: {"1": 95.00, "2": 85.50, "3": 88.00}
"""
RESULTS_NEW = """\
results:
  total: 92.50
  iit: 91.00
  indicators: {"1": 96.00, "2": 86.00, "3": 94.00}
"""


@pytest.fixture
def years(tmp_path: Path) -> tuple[Path, Path]:
    old = write_pack(
        tmp_path / "ทดสอบ-2567",
        pack=pack_yaml(2567, RESULTS_OLD),
        levels=LEVELS,
        units=UNITS,
        evidence={
            "1.1 บันทึก": {"บันทึก.pdf": PDF},
            "1.2 รายงานการประชุม": {"รายงาน.pdf": PDF},
            "1.3 คำรับรอง": {"อบต.บางบ่อ": {"คำรับรอง.pdf": PDF}},
            "1.5 ภาพกิจกรรม": {"ภาพ.pdf": PDF},
        },
    )
    new = write_pack(
        tmp_path / "ทดสอบ-2568",
        pack=pack_yaml(2568, RESULTS_NEW),
        levels=LEVELS_NEXT,
        units=UNITS_NEXT,
        evidence={
            "1.4 แผน": {"แผน.pdf": PDF},
            "1.6 รายงานการประชุม": {"รายงาน.pdf": PDF},
        },
    )
    return old, new


def test_changes_per_document_and_unit(years: tuple[Path, Path]) -> None:
    comparison = run(*years)
    changes = {(c.document, c.unit): (c.before, c.after, c.kind) for c in comparison.changes}
    assert changes == {
        ("1.1", None): ("ok", "missing", "lost"),
        ("1.6", None): ("ok", "ok", "still_done"),  # last year's 1.2, found by its title
        ("1.3", "sao-bangbo"): ("ok", "missing", "lost"),  # the unit renumbered, found by its name
        ("1.4", None): ("missing", "ok", "newly_done"),  # its title's year changed: same id
    }
    assert [(m.before, m.after) for m in comparison.moved] == [("1.2", "1.6")]
    assert [d.id for d in comparison.added] == ["1.7"]
    assert [d.id for d in comparison.dropped] == ["1.5"]
    assert [u.id for u in comparison.units_added] == ["sao-preng"]
    assert [u.id for u in comparison.units_removed] == ["sao-khlong-dan"]


def test_scores_per_indicator_and_the_weak_points_that_persist(years: tuple[Path, Path]) -> None:
    comparison = run(*years)
    assert [(s.item, s.before, s.after, s.delta) for s in comparison.scores] == [
        ("total", 90.0, 92.5, 2.5),
        ("iit", 92.0, 91.0, -1.0),
        ("1", 95.0, 96.0, 1.0),
        ("2", 85.5, 86.0, 0.5),
        ("3", 88.0, 94.0, 6.0),
    ]
    assert [s.item for s in comparison.weak_both_years] == ["2"]  # 3 is above the total now


def test_text_is_thai(years: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["compare", *map(str, years)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("จังหวัดทดสอบ: ปีงบประมาณ 2567 เทียบกับ 2568\n")
    assert "เคยครบ ปีนี้ยังไม่ครบ (2)\n  ▼ ข้อ 1.1 บันทึกข้อความมอบหมายภารกิจ: ครบ → ขาด\n" in out
    assert "  ▼ ข้อ 1.3 คำรับรองการปฏิบัติราชการ: ครบ → ขาด\n      1 หน่วยงาน: องค์การบริหารส่วนตำบลบางบ่อ\n" in out
    assert "ปีนี้ทำแล้ว (ปีก่อนยังไม่ครบ) (1)\n  ▲ ข้อ 1.4 แผนการขับเคลื่อน ITA ปี 2568: ขาด → ครบ\n" in out
    assert "เอกสารที่เปลี่ยนเลขข้อ (1)\n  ข้อ 1.2 → 1.6 รายงานการประชุม 20 พ.ย. 2567\n" in out
    assert "หน่วยงานที่ไม่มีแล้ว (ยุบรวมหรือนำออก) (1)\n  องค์การบริหารส่วนตำบลคลองด่าน\n" in out
    assert "92.00    91.00  ▼ 1.00" in out and "88.00    94.00  ▲ 6.00" in out


def test_json_changes(years: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["compare", *map(str, years), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["counts"] == {"lost": 2, "newly_done": 1, "still_missing": 0, "still_done": 1}
    assert {(c["document"], c["unit"], c["before"], c["after"]) for c in data["changes"]} == {
        ("1.1", None, "ok", "missing"),
        ("1.3", "sao-bangbo", "ok", "missing"),
        ("1.4", None, "missing", "ok"),
    }
    assert data["documents_added"] == [{"id": "1.7", "title": "รายงานผลการสำรวจความพึงพอใจ"}]
    assert data["documents_renumbered"][0]["before"] == "1.2"
    assert data["scores"][0] == {"item": "total", "before": 90.0, "after": 92.5, "change": 2.5}


def test_an_invalid_pack_exits_2(years: tuple[Path, Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", str(years[0]), str(tmp_path / "ไม่มี")])
    assert result.exit_code == 2 and "ไม่มีโฟลเดอร์นี้" in result.stderr


def test_title_key_leaves_out_years_and_dates_in_either_digits() -> None:
    assert title_key("รายงานการประชุม 17 ม.ค. 2567") == title_key("รายงานการประชุม ๒๐ ม.ค. ๒๕๖๘")
    assert title_key("แผน ITA ปี 2567") != title_key("รายงาน ITA ปี 2567")


def test_one_pack_is_compared_with_the_pack_its_previous_names(years: tuple[Path, Path]) -> None:
    old, new = years
    pack_file = new / "pack.yaml"
    pack_file.write_text(
        pack_file.read_text(encoding="utf-8") + "previous:\n  fiscal_year: 2567\n  pack: ../ทดสอบ-2567\n",
        encoding="utf-8",
    )
    one = runner.invoke(app, ["compare", str(new), "-f", "json"])
    two = runner.invoke(app, ["compare", str(old), str(new), "-f", "json"])
    assert one.exit_code == 0, one.stderr
    assert json.loads(one.stdout) == json.loads(two.stdout)


def test_one_pack_without_previous_says_to_name_both(years: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["compare", str(years[1])])
    assert result.exit_code == 2 and "previous.pack" in result.stderr and "itapack compare OLD NEW" in result.stderr


def test_a_requirement_not_applicable_either_year_is_no_change() -> None:
    """The check is gaining a not_applicable status: such a requirement is not owed, so neither lost nor missing."""
    from types import SimpleNamespace as Fake

    from itapack.compare.diff import compare

    def result(year: int, statuses: dict[str, str]) -> Fake:
        requirements = tuple(Fake(unit=unit, status=status) for unit, status in statuses.items())
        document = Fake(id="1.3", title="คำรับรอง", requirements=requirements)
        units = tuple(Fake(id=unit, name=unit) for unit in statuses)
        return Fake(
            pack=Fake(fiscal_year=year, organisation=Fake(name="จังหวัดทดสอบ")), documents=(document,), units=units
        )

    old = result(2567, {"a": "ok", "b": "not_applicable", "c": "missing"})
    new = result(2568, {"a": "not_applicable", "b": "missing", "c": "due_soon"})
    changes = compare(old, new, None, None).changes  # type: ignore[arg-type]
    assert [(c.unit, c.kind) for c in changes] == [("c", "still_missing")]
