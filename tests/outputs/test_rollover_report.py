"""What rollover tells: the Thai text a clerk reads and the JSON a job reads, from one plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itapack import __version__
from itapack.outputs import rollover_report
from itapack.pack.loader import load_pack
from itapack.year.rollover import RolloverPlan, rollover

from ..conftest import EXAMPLE, write_oit


@pytest.fixture(scope="module")
def ladder_plan(tmp_path_factory: pytest.TempPathFactory) -> RolloverPlan:
    """The example (a ladder, level 3 reached) rolled to 2568 without writing: dates cleared, warnings."""
    return rollover(load_pack(EXAMPLE), 2568, tmp_path_factory.mktemp("roll") / "samutprakan-2568", dry_run=True)


@pytest.fixture
def checklist_plan(tmp_path: Path) -> RolloverPlan:
    """A checklist pack (a score, no level) with nothing left to schedule or review."""
    plan = rollover(load_pack(write_oit(tmp_path / "oit-2566")), 2567, tmp_path / "oit-2567", dry_run=True)
    plan.scheduled.clear()
    plan.warnings.clear()
    return plan


def test_json_says_what_was_planned_in_stable_english_keys(ladder_plan: RolloverPlan) -> None:
    summary = json.loads(rollover_report.dumps(ladder_plan, dry_run=True))
    assert (summary["format"], summary["version"], summary["itapack"]) == ("itapack-rollover", 1, __version__)
    assert (summary["dry_run"], summary["written"]) == (True, False)
    assert (summary["from_year"], summary["to_year"]) == (2567, 2568)
    assert summary["source"] == str(EXAMPLE) and summary["target"].endswith("samutprakan-2568")
    assert summary["previous"] == {"fiscal_year": 2567, "level_reached": 3, "score": None}
    assert summary["files"] == sorted(ladder_plan.texts) and "pack.yaml" in summary["files"]
    assert summary["evidence_folders"] == len(ladder_plan.folders) > 0
    assert summary["scheduled"] == ladder_plan.scheduled and len(summary["scheduled"]) == 12
    first = ladder_plan.changes[0]
    assert summary["changes"][0] == {
        "file": first.file,
        "line": first.line,
        "path": first.path,
        "old": first.old,
        "new": first.new,
    }
    assert len(summary["warnings"]) == len(ladder_plan.warnings) > 0
    assert all(set(w) == {"file", "line", "path", "message"} for w in summary["warnings"])


def test_json_keeps_thai_readable_and_ends_with_a_newline(ladder_plan: RolloverPlan) -> None:
    text = rollover_report.dumps(ladder_plan, dry_run=False)
    assert text.endswith("}\n") and "\\u0e" not in text  # Thai as Thai, not escapes
    summary = json.loads(text)
    assert (summary["dry_run"], summary["written"]) == (False, True)


def test_text_of_a_dry_run_says_nothing_was_written_and_lists_every_change(ladder_plan: RolloverPlan) -> None:
    lines = rollover_report.to_text(ladder_plan, dry_run=True).splitlines()
    assert lines[0].startswith("ขึ้นปี 2567 -> 2568: ") and lines[0].endswith("(ทดลอง: ไม่ได้เขียนอะไร)")
    assert lines[1].startswith("จะเขียน: ") and f"({len(ladder_plan.folders)} โฟลเดอร์)" in lines[1]
    assert lines[2] == "ปีที่แล้ว: ปีงบประมาณ 2567 ผ่านระดับ 3"
    assert lines[3] == f"การเปลี่ยนแปลง ({len(ladder_plan.changes)}):"
    change = ladder_plan.changes[0]
    assert lines[4] == f"  {change.file}:{change.line}  {change.path}: {change.old} -> {change.new}"
    assert f"วันที่ที่ล้างไว้ รอกำหนดใหม่ (12): {', '.join(ladder_plan.scheduled)}" in lines
    review = lines.index(f"ให้คนตรวจดู ({len(ladder_plan.warnings)}):")
    assert lines[review + 1 :] == [f"  {warning}" for warning in ladder_plan.warnings]


def test_text_of_a_written_checklist_gives_its_score_and_no_empty_sections(checklist_plan: RolloverPlan) -> None:
    text = rollover_report.to_text(checklist_plan, dry_run=False)
    lines = text.splitlines()
    assert "ทดลอง" not in lines[0]
    assert lines[1].startswith("เขียนแล้ว: ") and str(checklist_plan.target / "sections.yaml") in lines[1]
    assert lines[2] == "ปีที่แล้ว: ปีงบประมาณ 2566 ได้คะแนน 0"
    assert "รอกำหนดใหม่" not in text and "ให้คนตรวจดู" not in text
    assert text.endswith("\n") and len(lines) == 4 + len(checklist_plan.changes)


def test_text_in_english_with_lang_en(checklist_plan: RolloverPlan, english: None) -> None:
    lines = rollover_report.to_text(checklist_plan, dry_run=True).splitlines()
    assert lines[0].startswith("rollover 2566 -> 2567: ") and lines[0].endswith("(dry run: nothing written)")
    assert lines[1].startswith("would write: ") and lines[2] == "previous year: fiscal year 2566 scored 0"
