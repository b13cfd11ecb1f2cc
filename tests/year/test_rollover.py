"""itapack rollover: next year's pack, the source untouched, years and dates handled or reported."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from itapack.errors import InputError, OutputError
from itapack.pack.loader import load_pack
from itapack.year.rollover import default_target, rollover

from ..conftest import EXAMPLE, LEVELS_YAML, PACK_YAML, run_check, write_pack
from ..test_cli import itapack

pytestmark = pytest.mark.usefixtures("english")  # these tests read the messages in English (--lang en)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, and every folder, below root."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes() if path.is_file() else b"<dir>", path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
    }


def evidence_files(root: Path) -> list[Path]:
    return [p for p in (root / "evidence").rglob("*") if p.is_file() and p.name != "README.txt"]


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, dict]:
    target = tmp_path_factory.mktemp("roll") / "samutprakan-2568"
    before = snapshot(EXAMPLE)
    plan = rollover(load_pack(EXAMPLE), 2568, target)
    assert snapshot(EXAMPLE) == before  # the source is byte-identical, timestamps included
    return target, plan, before


def test_new_pack_validates_for_2568_with_its_window(rolled) -> None:
    target, _, _ = rolled
    pack = load_pack(target)
    assert pack.fiscal_year == 2568
    assert pack.window == (date(2024, 10, 1), date(2025, 9, 30))
    assert pack.info.previous.fiscal_year == 2567 and pack.info.previous.level_reached == 3
    assert (target / pack.info.previous.pack).resolve() == EXAMPLE.resolve()


def test_new_pack_has_no_evidence_only_its_skeleton(rolled) -> None:
    target, plan, _ = rolled
    assert evidence_files(target) == []
    result = run_check(target)
    assert result.level_reached == 0
    assert result.files_seen == 0 and result.strays == ()
    assert {str(r.status) for r in result.requirements} == {"missing"}
    assert len(plan.folders) == len(list((target / "evidence").rglob("README.txt")))
    assert (target / "evidence" / "4.4 แผนการขับเคลื่อนการประเมิน ITA จ.สป.68").is_dir()


def test_dated_documents_keep_their_place_but_lose_their_date(rolled) -> None:
    target, plan, _ = rolled
    pack = load_pack(target)
    old = load_pack(EXAMPLE)
    assert [d.id for d in pack.documents] == [d.id for d in old.documents]
    meeting = pack.document_by_id["2.2"]
    assert meeting.date is None and pack.title(meeting) == "หนังสือเชิญประชุม (รอกำหนดวัน)"
    assert "2.2: 2566-11-24" in plan.scheduled and len(plan.scheduled) == 12
    assert "        date: ~  # รอกำหนดวัน; ปีงบประมาณ 2567: 2566-11-24\n" in (target / "levels.yaml").read_text("utf-8")
    assert pack.title(pack.document_by_id["4.7"]) == "รายงานการประชุมหัวหน้าส่วนราชการประจำเดือนมกราคม พ.ศ. 2568"
    checked = next(d for d in run_check(target).documents if d.id == "2.2")
    assert checked.date_pending


def test_comments_and_layout_survive_and_stale_years_in_comments_are_reported(rolled) -> None:
    target, plan, _ = rolled
    text = (target / "units.yaml").read_text("utf-8")
    assert text == (EXAMPLE / "units.yaml").read_text("utf-8")
    assert (target / "levels.yaml").read_text("utf-8").startswith("# The five levels of the province's ITA-drive")
    warnings = [str(w) for w in plan.warnings]
    assert any(":1: หมายเหตุ (comment) อ้างถึง 2567" in w for w in warnings), warnings


def test_rolling_twice_keeps_structure_and_years_consistent(rolled, tmp_path: Path) -> None:
    first, _, _ = rolled
    second = tmp_path / "samutprakan-2569"
    plan = rollover(load_pack(first), 2569, second)
    assert plan.scheduled == []  # dates were cleared a year ago
    old, new = load_pack(first), load_pack(second)
    assert [(d.id, d.title, d.per_unit, d.same_as) for d in old.documents] == [
        (d.id, d.title, d.per_unit, d.same_as) for d in new.documents
    ]
    assert new.text(new.sections[1].criteria[0].text).endswith("ประจำปีงบประมาณ พ.ศ. 2569")
    assert "พ.ศ. 2568 ของส่วนราชการ" in new.text(new.sections[1].criteria[0].text)  # {fy_prev}
    assert (new.info.previous.fiscal_year, new.info.previous.level_reached) == (2568, 0)
    assert (second / "levels.yaml").read_text("utf-8").count("รอกำหนดวัน; ปีงบประมาณ 2567") == 12


LITERAL = LEVELS_YAML.replace("มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. {fy}", "มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. 2567") + (
    "      - id: 2.3\n"
    "        title: ทบทวนผล ITA ปี ๒๕๖๖ และแผน 2561-2565\n"
    "      - id: 2.4\n"
    "        title: ประชุมคณะทำงาน 24 พ.ย. 66\n"
    "        note: แผน จ.สป.67 ปี 67\n"
    "      - {id: 2.5, title: ภาพการประชุม 17 มกราคม 2567}\n"
)


def test_literal_years_become_placeholders_and_the_rest_is_reported(tmp_path: Path) -> None:
    source = write_pack(tmp_path / "pack-2567", levels=LITERAL)
    plan = rollover(load_pack(source), 2568, tmp_path / "pack-2568")
    pack = load_pack(tmp_path / "pack-2568")
    assert pack.sections[0].criteria[0].text == "มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. {fy}"
    titles = {d.id: d for d in pack.documents}
    assert titles["2.3"].title == "ทบทวนผล ITA ปี {fy_prev} และแผน 2561-2565"
    assert (titles["2.4"].title, titles["2.4"].date) == ("ประชุมคณะทำงาน {date_short}", None)
    assert titles["2.4"].note == "แผน จ.สป.67 ปี {fy_short}"
    assert titles["2.5"].title == "ภาพการประชุม 17 มกราคม 2567"  # in braces: nowhere to add a date key
    messages = [w.message for w in plan.warnings]
    assert any("the year 2561 is left as written" in m for m in messages)
    assert any("the year 2565 is left as written" in m for m in messages)
    assert any("'67' in 'แผน จ.สป.67 ปี 67' may be a year" in m for m in messages)
    assert any("the date '17 มกราคม 2567' is left as written" in m and "write {date}" in m for m in messages)
    assert sum("17 มกราคม 2567" in m for m in messages) == 1  # reported once, and its year not mapped
    assert all(w.location.line for w in plan.warnings if "comment" not in w.message)


def test_existing_non_empty_target_needs_force_and_keeps_its_other_files(tmp_path: Path) -> None:
    source = write_pack(tmp_path / "pack-2567")
    target = tmp_path / "pack-2568"
    rollover(load_pack(source), 2568, target)
    (target / "evidence" / "1.1 ของเจ้าหน้าที่.pdf").write_bytes(b"%PDF-1.4 kept")
    with pytest.raises(OutputError, match="not empty"):
        rollover(load_pack(source), 2568, target)
    rollover(load_pack(source), 2568, target, force=True)
    assert (target / "evidence" / "1.1 ของเจ้าหน้าที่.pdf").read_bytes() == b"%PDF-1.4 kept"


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = write_pack(tmp_path / "pack-2567")
    plan = rollover(load_pack(source), 2568, tmp_path / "pack-2568", dry_run=True)
    assert not (tmp_path / "pack-2568").exists()
    assert plan.folders and plan.texts
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack-2567"]  # no staging folder left


def test_refuses_a_year_that_is_not_later_and_a_target_inside_the_source(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "pack-2567"))
    with pytest.raises(InputError, match="that is this pack's own year; roll over to 2568"):
        rollover(pack, 2567, tmp_path / "x")
    with pytest.raises(InputError, match="roll over to a later year"):
        rollover(pack, 2566, tmp_path / "x")
    with pytest.raises(OutputError, match="inside it"):
        rollover(pack, 2568, tmp_path / "pack-2567" / "next")
    with pytest.raises(InputError, match="this pack's own year"):
        rollover(pack, 2567)  # the default target would be the source itself: the year is what is wrong


def test_a_year_in_a_comment_is_suggested_moved_on_by_as_many_years(tmp_path: Path) -> None:
    pack_yaml = PACK_YAML + "# ผลปี 2566 อยู่ใน previous; แผนปี 2567\n"
    plan = rollover(load_pack(write_pack(tmp_path / "pack-2567", pack=pack_yaml)), 2568, tmp_path / "n", dry_run=True)
    said = [p.message for p in plan.warnings if "comment" in p.message]
    assert said == ["a comment mentions 2566; update it by hand if it should say 2567"], said


def test_default_target_renames_the_year(tmp_path: Path) -> None:
    assert default_target(Path("packs/samutprakan-2567"), 2567, 2568) == Path("packs/samutprakan-2568")
    assert default_target(Path("packs/samutprakan"), 2567, 2568) == Path("packs/samutprakan-2568")


def test_command_line_json_summary_and_exit_codes(tmp_path: Path) -> None:
    target = tmp_path / "new"
    code, out, err = itapack("rollover", EXAMPLE, "--to", "2568", "--out", target, "--format", "json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["from_year"], summary["to_year"], summary["written"]) == (2567, 2568, True)
    assert summary["previous"] == {"fiscal_year": 2567, "level_reached": 3, "score": None}
    assert summary["warnings"] and all({"file", "line", "message"} <= set(w) for w in summary["warnings"])
    assert len(summary["scheduled"]) == 12
    code, _, err = itapack("rollover", EXAMPLE, "--to", "2568", "--out", target)
    assert code == 3 and "มีอยู่แล้วและไม่ว่าง" in err
    code, out, _ = itapack("rollover", EXAMPLE, "--to", "2568", "--out", tmp_path / "other", "--dry-run")
    assert code == 0 and "ทดลอง: ไม่ได้เขียนอะไร" in out and not (tmp_path / "other").exists()
    assert itapack("rollover", EXAMPLE, "--to", "2566", "--out", tmp_path / "x")[0] == 2


def test_interrupted_rollover_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import itapack.year.rollover as module

    source = write_pack(tmp_path / "pack-2567")
    calls = {"n": 0}
    real = module._write_into

    def interrupted(plan, folder):  # the preview succeeds; the real write is cut off
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(plan, folder)

    monkeypatch.setattr(module, "_write_into", interrupted)
    with pytest.raises(KeyboardInterrupt):
        rollover(load_pack(source), 2568, tmp_path / "pack-2568")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack-2567"]


def test_previous_is_replaced_not_duplicated(tmp_path: Path) -> None:
    pack_yaml = PACK_YAML + "previous:\n  fiscal_year: 2566\n  level_reached: 5\n"
    source = write_pack(tmp_path / "pack-2567", pack=pack_yaml)
    rollover(load_pack(source), 2568, tmp_path / "pack-2568")
    text = (tmp_path / "pack-2568" / "pack.yaml").read_text("utf-8")
    assert text.count("previous:") == 1
    assert load_pack(tmp_path / "pack-2568").info.previous.fiscal_year == 2567
    assert os.path.isdir(tmp_path / "pack-2568" / "evidence")


# --- results, due dates and windows (format 2) ----------------------------------------------------

RESULTS = """\
results:  # announced 1 ส.ค. 2567
  total: 94.12
  grade: A
  iit: 93.15
  indicators:
    "9": 87.50
previous:
  fiscal_year: 2566
  results: {total: 95.03, grade: AA}
"""


def test_results_move_into_previous_as_written_and_their_year_never_moves(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace(
        "      - text: มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. {fy}\n",
        "      - text: มอบหมายภารกิจ ประจำปีงบประมาณ พ.ศ. {fy}\n"
        "      - text: ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2567 ได้ 94.12 คะแนน\n",
    )
    source = write_pack(tmp_path / "pack-2567", pack=PACK_YAML + RESULTS, levels=levels)
    plan = rollover(load_pack(source), 2568, tmp_path / "pack-2568")
    new = load_pack(tmp_path / "pack-2568")
    assert new.info.results is None  # next year's results are not announced yet
    previous = new.info.previous
    assert previous is not None and previous.fiscal_year == 2567 and previous.level_reached == 0
    assert previous.results is not None
    assert (previous.results.total, previous.results.grade, previous.results.indicators) == (94.12, "A", {"9": 87.5})
    # the text quoting last year's score keeps its year, and the clerk is told why
    assert new.sections[0].criteria[1].text == "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2567 ได้ 94.12 คะแนน"
    assert any("quotes a score of one year: left as written" in w.message for w in plan.warnings)
    assert "94.12" in (tmp_path / "pack-2568" / "pack.yaml").read_text(encoding="utf-8")


def test_due_dates_and_explicit_windows_move_on_a_year(tmp_path: Path) -> None:
    levels = LEVELS_YAML.replace(
        "      - id: 1.1\n        title: บันทึกข้อความ (มอบหมายภารกิจ)\n",
        "      - id: 1.1\n        title: บันทึกข้อความ (มอบหมายภารกิจ)\n        due: 2567-02-29\n"
        "        window: {start: 2566-10-01, end: 2567-03-31}\n",
    )
    source = write_pack(tmp_path / "pack-2567", levels=levels)
    rollover(load_pack(source), 2568, tmp_path / "pack-2568")
    doc = load_pack(tmp_path / "pack-2568").document_by_id["1.1"]
    assert doc.due == date(2025, 2, 28)  # 29 Feb 2567 has no 2568 twin
    assert doc.window is not None and (doc.window.start, doc.window.end) == (date(2024, 10, 1), date(2025, 3, 31))


def test_a_checklist_pack_records_its_score(tmp_path: Path) -> None:
    from ..conftest import write_oit

    source = write_oit(tmp_path / "oit-2566")
    plan = rollover(load_pack(source), 2567, tmp_path / "oit-2567")
    previous = load_pack(tmp_path / "oit-2567").info.previous
    assert previous is not None and (previous.score, previous.level_reached) == (0.0, None)
    assert (plan.score, plan.level_reached) == (0.0, None)
    assert (tmp_path / "oit-2567" / "sections.yaml").exists() and not (tmp_path / "oit-2567" / "units.yaml").exists()


def test_a_pack_filed_unit_first_rolls_over_filed_unit_first(tmp_path: Path, english: None) -> None:
    source = EXAMPLE.parent / "measures-2566"
    before = run_check(source)
    old = {(r.document, r.unit): r.expected for r in before.requirements}
    plan = rollover(load_pack(source), 2567, tmp_path / "measures-2567")
    after = run_check(tmp_path / "measures-2567")
    new = {(r.document, r.unit): r.expected for r in after.requirements}
    # every unit that had its own folder has it again, those that kept each measure in a subfolder
    # of it (สำนักงานสหกรณ์…/m1 แผน…/) too
    assert {u.id: u.folder for u in after.units} == {u.id: u.folder for u in before.units}
    assert sum(1 for u in before.units if u.folder) == 29
    homes = {key: expected for key, expected in old.items() if expected.endswith(" *")}
    assert len({expected.rsplit("/", 1)[0] for expected in homes.values()}) > 20  # most agencies filed unit first
    assert {key: new[key] for key in homes} == homes  # each unit's files go where they went this year
    folder = "evidence/รายงานผลแยกหน่วยงาน/กลุ่มงานด้านเศรษฐกิจ/สำนักงานพาณิชย์จังหวัดสมุทรปราการ"
    assert (tmp_path / "measures-2567" / folder).is_dir() and folder in plan.folders
    assert not any((tmp_path / "measures-2567" / folder).iterdir())  # empty: nothing of last year's comes along
    assert evidence_files(tmp_path / "measures-2567") == []
    (dropped,) = [p for p in plan.warnings if p.message.startswith("the FY 2565 results")]
    assert str(dropped).endswith(
        "pack.yaml:21:5: previous.results: the FY 2565 results are not carried over: the new pack compares with"
        " FY 2566, which has none yet; put results: in the 2566 pack once announced and roll over again, or add"
        " them under previous: by hand"
    ), str(dropped)
    for document in ("m1", "m2", "m3", "m4"):  # no document-first folder for a unit that has its own
        for unit_folder in (tmp_path / "measures-2567" / "evidence").glob(f"{document} */*"):
            assert not any(unit_folder.name in expected for expected in homes.values()), unit_folder


def test_a_new_pack_on_another_drive_names_last_years_pack_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_pack(tmp_path / "pack-2567")
    real = os.path.relpath

    def across_drives(path: str | os.PathLike[str], start: str | os.PathLike[str] | None = None) -> str:
        if Path(path) == source.resolve():  # as Windows says for C:\ seen from D:\
            raise ValueError("path is on mount 'C:', start on mount 'D:'")
        return real(path, start)

    monkeypatch.setattr(os.path, "relpath", across_drives)
    rollover(load_pack(source), 2568, tmp_path / "elsewhere" / "pack-2568")
    previous = load_pack(tmp_path / "elsewhere" / "pack-2568").info.previous
    assert previous is not None and previous.pack == source.resolve().as_posix()
