"""itapack timeline: due dates, meetings and the drive plan by month, JSON, exit codes, the calendar file."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app
from itapack.timeline.build import timeline_state
from itapack.timeline.command import run

from ..conftest import MEASURES_PACK, PDF, write_pack

runner = CliRunner()

PACK = MEASURES_PACK.replace("fiscal_year: 2566", "fiscal_year: 2567")
SECTIONS = """\
sections:
  - title: มาตรการ
    documents:
      - id: m1
        title: รายงานผลตามมาตรการ
        owner: สำนักงานจังหวัดทดสอบ
        due: 2567-03-31
      - id: m2
        title: แผนการใช้จ่ายงบประมาณ
        due: 2567-01-15
      - id: 2.2
        title: รายงานการประชุม {date}
        date: 2566-11-24
      - id: o1
        title: โครงสร้างหน่วยงาน
"""
PLAN = """\
title: แผนการขับเคลื่อนการประเมิน ITA ปี ๒๕๖๗ จังหวัดทดสอบ
steps:
  - number: ๑
    period: ตุลาคม - ธันวาคม ๒๕๖๖
    step: ทบทวนผลการประเมิน ITA ปี ๒๕๖๖
    responsible: คณะกรรมการขับเคลื่อน
    done: 2566-12-20
  - number: ๒
    period: ๑ มกราคม - ๒๘ กุมภาพันธ์ ๒๕๖๗
    step: ลงทะเบียนการประเมินและนำเข้าข้อมูล
    responsible: สำนักงานจังหวัด
  - number: ๓
    period: มีนาคม ๒๕๖๗
    step: รายงานผลตามมาตรการ
    document: m1
"""
EVIDENCE = {"m2 แผนการใช้จ่ายงบประมาณ": {"แผน.pdf": PDF}, "2.2 รายงานการประชุม": {"รายงาน.pdf": PDF}}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = write_pack(
        tmp_path / "ทดสอบ-2567",
        pack=PACK,
        levels=SECTIONS,
        units=None,
        evidence=EVIDENCE,
        structure_file="sections.yaml",
    )
    (root / "plan.yaml").write_text(PLAN, encoding="utf-8")
    return root


def timeline(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["timeline", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


TODAY = date(2024, 3, 20)  # 20 มี.ค. 2567


@pytest.mark.parametrize(
    ("status", "due", "state"),
    [
        ("ok", TODAY - timedelta(days=30), "done"),
        ("problem", TODAY + timedelta(days=30), "problem"),
        ("overdue", TODAY - timedelta(days=1), "overdue"),
        ("not_applicable", TODAY, "not_applicable"),
        ("missing", TODAY - timedelta(days=1), "overdue"),
        ("missing", TODAY, "due_soon"),  # due today is not yet late
        ("missing", TODAY + timedelta(days=14), "due_soon"),
        ("missing", TODAY + timedelta(days=15), "not_started"),
        ("due_soon", TODAY + timedelta(days=3), "due_soon"),
        ("not_started", TODAY + timedelta(days=60), "not_started"),
        ("missing", None, "missing"),  # nothing says when: no date to be late against
    ],
)
def test_timeline_state(status: str, due: date | None, state: str) -> None:
    assert timeline_state(status, due, TODAY, 14) == state


def test_states_by_month_from_the_pack_and_its_plan(pack: Path) -> None:
    year = run(pack, TODAY)
    months = {month: [(i.kind, i.key, i.state) for i in items] for month, items in year.months()}
    assert months == {
        (2023, 11): [("meeting", "2.2", "done")],
        (2023, 12): [("step", "1", "done")],  # marked done by hand
        (2024, 1): [("document", "m2", "done")],
        (2024, 2): [("step", "2", "overdue")],  # its period is over and nothing shows it done
        (2024, 3): [("step", "3", "due_soon")],  # m1 is shown once, as the step that names it
    }
    step3 = next(i for i in year.items if i.key == "3")
    assert step3.start == date(2024, 3, 1) and step3.on == date(2024, 3, 31)
    assert step3.document == "m1 รายงานผลตามมาตรการ"
    assert step3.where == "evidence/m1 รายงานผลตามมาตรการ/"
    assert "o1" not in {i.key for i in year.items}  # no date: not on the timeline


def test_text_is_thai_by_month_and_exits_1_when_something_is_overdue(pack: Path) -> None:
    code, out, _ = timeline(pack, "--today", "2567-03-20")
    assert code == 1
    assert "ปฏิทินงาน ITA ปีงบประมาณ 2567 จังหวัดทดสอบ (ณ 20 มี.ค. 2567)" in out
    assert out.index("พฤศจิกายน 2566") < out.index("กุมภาพันธ์ 2567") < out.index("มีนาคม 2567")
    assert "‼ เกินกำหนด  1 ม.ค. 2567 – 28 ก.พ. 2567  ขั้นที่ 2 ลงทะเบียนการประเมินและนำเข้าข้อมูล" in out
    assert "ผู้รับผิดชอบ: สำนักงานจังหวัด\n" in out
    # before step 2's period ends nothing is overdue: exit 0
    assert timeline(pack, "--today", "2567-02-01")[0] == 0


def test_due_soon_days_moves_the_line(pack: Path) -> None:
    data = json.loads(timeline(pack, "--today", "2567-03-01", "-f", "json")[1])
    assert data["counts"]["due_soon"] == 0 and data["counts"]["not_started"] == 1
    data = json.loads(timeline(pack, "--today", "2567-03-01", "-f", "json", "--due-soon-days", "30")[1])
    assert data["counts"]["due_soon"] == 1 and data["due_soon_days"] == 30


def test_json_has_stable_codes_and_both_calendars(pack: Path) -> None:
    code, out, _ = timeline(pack, "--today", "2567-03-20", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["overdue"] is True and data["counts"]["overdue"] == 1
    assert [m["month"] for m in data["months"]] == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    step = data["months"][3]["items"][0]
    assert step == {
        "kind": "step",
        "id": "2",
        "title": "ลงทะเบียนการประเมินและนำเข้าข้อมูล",
        "start": "2024-01-01",
        "date": "2024-02-28",
        "date_be": "2567-02-28",
        "state": "overdue",
        "state_text": "เกินกำหนด",
        "owner": "สำนักงานจังหวัด",
        "where": None,
        "document": None,
        "units_done": None,
        "units_needed": None,
    }


def test_a_wrong_plan_is_located_and_exits_2(pack: Path) -> None:
    plan = pack / "plan.yaml"
    plan.write_text(PLAN.replace("มีนาคม ๒๕๖๗", "ไตรมาสสอง").replace("document: m1", "document: m9"), encoding="utf-8")
    code, out, err = timeline(pack)
    assert code == 2 and out == ""
    assert f"{plan}:13:" in err and "ไม่ใช่ช่วงเวลาที่อ่านได้" in err
    plan.write_text(PLAN.replace("document: m1", "document: m9"), encoding="utf-8")
    code, _, err = timeline(pack)
    assert code == 2 and f"{plan}:15:" in err and "ไม่มีเอกสารข้อ m9" in err


def test_ics_parses_back_all_day_with_reminders_and_stable_uids(pack: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    first, second = tmp_path / "ita.ics", tmp_path / "again.ics"
    assert timeline(pack, "--today", "2567-03-20", "--ics", first)[0] == 1
    assert timeline(pack, "--today", "2567-03-20", "--ics", second, "--alarm-days", "3")[0] == 1
    calendar = Calendar.from_ical(first.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 5
    again = {str(e["uid"]) for e in Calendar.from_ical(second.read_bytes()).walk("VEVENT")}
    assert set(events) == again  # a re-import updates the same events
    assert {uid.split("-", 2)[1] for uid in events} == {"doc", "step"}  # a meeting given a due date keeps its UID
    step2 = next(e for e in events.values() if "ขั้นที่ 2" in str(e["summary"]))
    assert str(step2["summary"]) == "ITA ขั้นที่ 2 ลงทะเบียนการประเมินและนำเข้าข้อมูล"
    start = step2.decoded("dtstart")
    assert type(start) is date and start == date(2024, 2, 28)  # all-day, on the step's last day
    assert step2.decoded("dtend") == date(2024, 2, 29)
    assert "ผู้รับผิดชอบ: สำนักงานจังหวัด" in str(step2["description"])
    (alarm,) = step2.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(days=7)
    step3 = next(e for e in events.values() if "ขั้นที่ 3" in str(e["summary"]))
    assert "วางหลักฐานที่ evidence/m1 รายงานผลตามมาตรการ/" in str(step3["description"])
    done = next(e for e in events.values() if "ขั้นที่ 1" in str(e["summary"]))
    assert done.walk("VALARM") == []  # nothing to remind of
    (alarm3,) = next(
        e for e in Calendar.from_ical(second.read_bytes()).walk("VEVENT") if e["uid"] == step2["uid"]
    ).walk("VALARM")
    assert alarm3.decoded("trigger") == -timedelta(days=3)


def test_ics_is_the_same_file_for_the_same_pack_and_day(pack: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "1.ics", tmp_path / "2.ics"
    timeline(pack, "--today", "2567-03-20", "--ics", one)
    timeline(pack, "--today", "2567-03-20", "--ics", two)
    assert one.read_bytes() == two.read_bytes()


def test_the_example_drive_plan_is_seed_002_row_by_row() -> None:
    from ..conftest import ROOT

    year = run(ROOT / "examples" / "samutprakan-2565", date(2022, 3, 20))
    steps = sorted((i for i in year.items if i.kind == "step"), key=lambda i: int(i.key))
    assert [(i.key, i.start, i.on) for i in steps] == [
        ("1", date(2021, 10, 1), date(2021, 12, 31)),
        ("2", date(2022, 1, 1), date(2022, 3, 31)),
        ("3", date(2022, 1, 1), date(2022, 2, 28)),
        ("4", date(2022, 3, 1), date(2022, 5, 31)),
        ("5", date(2022, 3, 1), date(2022, 5, 31)),
        ("6", date(2022, 3, 1), date(2022, 4, 30)),
        ("7", date(2022, 5, 1), date(2022, 5, 31)),
        ("8", date(2022, 6, 1), date(2022, 6, 15)),
    ]
    assert [i.state for i in steps[:3]] == ["done", "due_soon", "overdue"]
    assert year.plan_title == "แผนการขับเคลื่อนการประเมิน ITA ปี ๒๕๖๕ จังหวัดสมุทรปราการ"


def test_the_reference_shows_the_examples_real_timeline() -> None:
    from ..conftest import ROOT

    readme = (ROOT / "REFERENCE.md").read_text(encoding="utf-8")
    after = readme.index("`itapack timeline examples/samutprakan-2565 --today 2565-03-20`:")
    start = readme.index("```\n", after) + 4
    shown = readme[start : readme.index("```", start)]
    code, out, _ = timeline(ROOT / "examples" / "samutprakan-2565", "--today", "2565-03-20")
    assert code == 1 and out == shown


def test_validate_reads_the_plan_too(pack: Path) -> None:
    assert runner.invoke(app, ["validate", str(pack)]).exit_code == 0
    (pack / "plan.yaml").write_text(
        PLAN.replace("step: รายงานผลตามมาตรการ", "steps: รายงานผลตามมาตรการ"), encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", str(pack)])
    assert result.exit_code == 2 and f"{pack / 'plan.yaml'}:14:" in result.stderr


def test_a_plan_of_another_year_is_said_to_be_one(pack: Path) -> None:
    (pack / "plan.yaml").write_text(PLAN.replace("มีนาคม ๒๕๖๗", "มีนาคม ๒๕๖๕"), encoding="utf-8")
    code, out, err = timeline(pack, "--today", "2567-03-20", "-f", "json")
    assert code == 1  # step 3, dated two years back, is long overdue
    assert f"{pack / 'plan.yaml'}:13:" in err and "อยู่นอกปีงบประมาณ 2567" in err
    assert len(json.loads(out)["warnings"]) == 1
