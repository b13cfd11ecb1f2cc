"""rollover carries the drive plan into next year's pack: periods and years a year on, nothing done."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from itapack.pack.loader import load_pack
from itapack.timeline.command import run
from itapack.timeline.nextyear import _moved
from itapack.year.rollover import rollover

from ..conftest import ROOT

EXAMPLE_PLAN = ROOT / "examples" / "samutprakan-2565"


@pytest.mark.parametrize(
    ("period", "moved"),
    [
        ("ตุลาคม - ธันวาคม ๒๕๖๔", "ตุลาคม - ธันวาคม ๒๕๖๕"),  # Thai digits stay Thai
        ("1-15 มิถุนายน 2565", "1-15 มิถุนายน 2566"),
        ("ต.ค. - ธ.ค. 64", "ต.ค. - ธ.ค. 65"),
        ("ตุลาคม - ธันวาคม ค.ศ. 2021", "ตุลาคม - ธันวาคม ค.ศ. 2022"),
        ("2564-10-01 - 2564-12-31", "2565-10-01 - 2565-12-31"),
    ],
)
def test_periods_move_on_a_year_in_the_digits_they_were_written_in(period: str, moved: str) -> None:
    assert _moved(period, 1, period=True) == moved


def test_prose_keeps_its_numbers_but_years(tmp_path: Path) -> None:
    text = "สำนักงานจังหวัด ส่วนราชการภูมิภาค ๓๑ แห่ง อปท. ๔๙ แห่ง ปี ๒๕๖๔"
    assert _moved(text, 1, period=False) == "สำนักงานจังหวัด ส่วนราชการภูมิภาค ๓๑ แห่ง อปท. ๔๙ แห่ง ปี ๒๕๖๕"


def test_rollover_carries_the_plan_a_year_on_with_nothing_done(tmp_path: Path) -> None:
    source = tmp_path / "samutprakan-2565"
    shutil.copytree(EXAMPLE_PLAN, source)
    plan_file = source / "plan.yaml"
    text = plan_file.read_text(encoding="utf-8")
    iit = "    step: เก็บข้อมูลแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)\n"
    plan_file.write_text(text.replace(iit, iit + "    done: 2565-03-15\n"), encoding="utf-8")
    before = run(source, date(2022, 3, 20))
    assert next(i for i in before.items if i.key == "4").state == "done"  # no document: marked done by hand

    plan = rollover(load_pack(source), 2566, tmp_path / "samutprakan-2566")
    after_text = (tmp_path / "samutprakan-2566" / "plan.yaml").read_text(encoding="utf-8")
    assert "done:" not in after_text
    assert after_text.startswith(text.split("title:")[0])  # the comments above stay as written
    assert any(c.path == "steps[3].done" and c.new == "~" for c in plan.changes)
    after = run(tmp_path / "samutprakan-2566", date(2022, 3, 20))
    moved = {i.key: (i.start, i.on) for i in after.items if i.kind == "step"}
    old = {i.key: (i.start, i.on) for i in before.items if i.kind == "step"}
    assert moved == {
        key: (start.replace(year=start.year + 1), end.replace(year=end.year + 1)) for key, (start, end) in old.items()
    }
    assert after.plan_title == "แผนการขับเคลื่อนการประเมิน ITA ปี ๒๕๖๖ จังหวัดสมุทรปราการ"
    assert {i.state for i in after.items} == {"not_started"}  # the new year starts clean
