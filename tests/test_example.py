"""The bundled Samut Prakan FY 2567 example: faithful, small, deliberately incomplete."""

import importlib.util
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from itapack.evidence.result import Status
from itapack.pack.loader import load_pack

from .conftest import EXAMPLE, ROOT, run_check


def _generator():
    spec = importlib.util.spec_from_file_location("make_evidence", ROOT / "examples" / "make_evidence.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


EXAMPLES = ["samutprakan-2567", "oit-2566", "measures-2566", "samutprakan-2565"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_committed_evidence_is_exactly_what_the_generator_makes(tmp_path: Path, name: str) -> None:
    _generator().EXAMPLES[name][1](tmp_path / "evidence")
    assert _tree(tmp_path / "evidence") == _tree(ROOT / "examples" / name / "evidence")


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_stays_small(name: str) -> None:
    assert sum(p.stat().st_size for p in (ROOT / "examples" / name).rglob("*") if p.is_file()) < 2_000_000


def test_units_31_regional_agencies_49_local_bodies_and_the_province() -> None:
    kinds = Counter(unit.kind for unit in load_pack(EXAMPLE).roster.units)
    assert kinds["regional_agency"] == 31
    assert kinds["province"] == 1
    assert sum(kinds.values()) - 32 == 49


def test_titles_read_as_on_the_provinces_evidence_page() -> None:
    pack = load_pack(EXAMPLE)
    titles = {doc.id: pack.title(doc) for doc in pack.documents}
    assert list(titles) == [
        "1.1", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "3.1",
        "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7",
        "5.1", "5.2", "5.3", "5.4", "5.5", "5.6",
    ]  # fmt: skip
    assert titles["2.5"] == "เอกสารการนำเสนอข้อมูลการประชุม 24 พ.ย. 66"
    assert titles["2.6"] == "หนังสือเชิญประชุม 17 ต.ค. 2566"
    assert titles["4.4"] == "แผนการขับเคลื่อนการประเมิน ITA จ.สป.67"
    assert titles["4.7"] == "รายงานการประชุมหัวหน้าส่วนราชการประจำเดือนมกราคม พ.ศ. 2567"
    assert titles["5.5"] == titles["4.2"] == "รายงานการประชุม 17 ม.ค. 2567"


def test_example_reaches_level_3_with_known_gaps_at_levels_4_and_5() -> None:
    result = run_check(EXAMPLE)
    assert result.level_reached == 3
    assert [level.complete for level in result.sections] == [True, True, True, False, False]
    statuses = {doc.id: str(doc.status) for doc in result.documents}
    assert {d for d, s in statuses.items() if d.startswith("4.") and s != "ok"} == {"4.4", "4.5", "4.7"}
    assert (statuses["4.4"], statuses["4.5"], statuses["4.7"]) == ("missing", "missing", "problem")
    itas = next(doc for doc in result.documents if doc.id == "5.1")
    gaps = {r.unit: str(r.status) for r in itas.requirements if str(r.status) != "ok"}
    assert gaps == {
        "sao-bang-yo": "missing",
        "sao-nong-prue": "missing",
        "tt-laem-fa-pha": "missing",
        "sao-preng": "missing",
        "sao-song-khanong": "problem",
    }
    agreements = next(doc for doc in result.documents if doc.id == "3.1")
    assert (agreements.satisfied, agreements.required) == (80, 80)
    assert result.ignored == 4  # Thumbs.db, desktop.ini, .DS_Store, ~$ lock file


# --- a local body's OIT items (seed 003) and the province's measures (seed 001) ----------------

OIT = ROOT / "examples" / "oit-2566"
MEASURES = ROOT / "examples" / "measures-2566"
AFTER_MARCH = date(2023, 6, 1)  # 1 มิ.ย. 2566: after the measures' due date, 31 มี.ค. 2566


def test_oit_example_by_hand_count() -> None:
    """o36, o38, o39, o41, o42 in; o37 dated 30 ก.ย. where the first half is asked; o40, o43 not yet."""
    result = run_check(OIT, AFTER_MARCH)
    assert {d.id: str(d.status) for d in result.documents} == {
        "o36": "ok",
        "o37": "problem",
        "o38": "ok",
        "o39": "ok",
        "o40": "missing",
        "o41": "ok",
        "o42": "ok",
        "o43": "missing",
    }
    assert (result.satisfied, result.required, result.score) == (5, 8, 62.5)
    (o37,) = next(d for d in result.documents if d.id == "o37").requirements[0].rejected
    assert (o37.reason, o37.detail) == ("window", "30 ก.ย. 2566")
    shared = {d.id: d.requirements[0].files for d in result.documents if d.id in ("o39", "o41")}
    assert shared["o39"] == shared["o41"]  # one file, named with both ids
    assert result.strays == () and result.ignored == 1


def test_oit_example_encodes_the_seed() -> None:
    pack = load_pack(OIT)
    assert [d.id for d in pack.documents] == [f"o{n}" for n in range(36, 44)]
    assert pack.roster.units == () and not pack.ladder and pack.organisation.kind == "local"
    assert pack.document_by_id["o36"].items == ("(1) โครงการ/กิจกรรม", "(2) งบประมาณ", "(3) ช่วงเวลาดำเนินการ")
    assert all(d.url and d.url.startswith("https://") and ".example" in d.url for d in pack.documents)
    windows = {d.id: d.window.name if d.window else None for d in pack.documents}
    assert windows == {
        "o36": "fiscal_year",  # "ครอบคลุมปี พ.ศ. 2566"
        "o37": "first_half",  # "6 เดือนแรกของปี"
        "o38": "previous_fiscal_year",  # "รายงานผลของปี พ.ศ. 2565"
        "o39": None,
        "o40": "fiscal_year",
        "o41": "fiscal_year",
        "o42": None,  # written this year about last year's results
        "o43": "fiscal_year",
    }


def test_measures_example_by_hand_count() -> None:
    """31 agencies, unit first: 22 complete, one of them excused from m4; 2 sent nothing; 2 lack
    m3 and m4; 3 lack m3; 1 lacks m4; one's m3 is dated last year. The analysis (a1) and the
    committee (m5) are in."""
    result = run_check(MEASURES, AFTER_MARCH)
    done = {d.id: (d.satisfied, d.required) for d in result.documents}
    assert done == {"a1": (1, 1), "m1": (29, 31), "m2": (29, 31), "m3": (23, 31), "m4": (25, 30), "m5": (1, 1)}
    counts = (result.satisfied, result.required, result.count(Status.OVERDUE), result.count(Status.PROBLEM))
    assert counts == (108, 125, 16, 1)
    (excused,) = [r for d in result.documents for r in d.requirements if r.status is Status.NOT_APPLICABLE]
    assert (excused.document, excused.unit) == ("m4", "pv-employment") and "ตัวอย่าง" in (excused.reason or "")
    (problem,) = [r for d in result.documents for r in d.requirements if r.status is Status.PROBLEM]
    assert (problem.document, problem.unit, problem.rejected[0].detail) == ("m3", "pv-fisheries", "30 ก.ย. 2565")
    before = run_check(MEASURES, date(2023, 3, 20))  # 11 days before the due date: due soon
    assert (before.count(Status.OVERDUE), before.count(Status.DUE_SOON), before.satisfied) == (0, 16, 108)
    early = run_check(MEASURES, date(2023, 3, 16))  # 15 days before: not started
    assert (early.count(Status.DUE_SOON), early.count(Status.NOT_STARTED), early.count(Status.MISSING)) == (0, 16, 0)
    complete = [u.id for u in result.units if u.satisfied == u.required]
    assert len(complete) == 22 and result.strays == ()


def test_measures_example_encodes_the_seed() -> None:
    pack = load_pack(MEASURES)
    previous = pack.info.previous
    assert previous is not None and previous.fiscal_year == 2565 and previous.results is not None
    results = previous.results
    assert (results.total, results.grade, results.iit, results.eit) == (95.03, "AA", 93.15, 91.94)
    assert results.indicators == {
        "1": 95.43, "2": 91.23, "3": 94.08, "4": 91.22, "5": 93.80,
        "6": 94.35, "7": 90.65, "8": 90.81, "9": 87.50, "10": 100.00,
    }  # fmt: skip
    assert {d.id: d.due for d in pack.documents} == {
        "a1": None,
        "m1": date(2023, 3, 31),
        "m2": date(2023, 3, 31),
        "m3": date(2023, 3, 31),
        "m4": date(2023, 3, 31),
        "m5": None,
    }  # fmt: skip  (ภายในเดือนมีนาคม ๒๕๖๖)
    assert pack.owner_name(pack.document_by_id["m5"]) == "สำนักงานจังหวัดสมุทรปราการ"
    assert len(pack.roster.units) == 31


def test_committed_inbox_is_exactly_what_the_generator_makes(tmp_path: Path) -> None:
    _generator().build_inbox(tmp_path / "inbox")
    assert _tree(tmp_path / "inbox") == _tree(EXAMPLE / "inbox")


def test_the_example_inbox_files_four_skips_a_repeat_and_leaves_two_for_a_person() -> None:
    from itapack.chase import intake

    planned = {p.file: p for _, p in intake.plan(load_pack(EXAMPLE), run_check(EXAMPLE), EXAMPLE / "inbox")}
    filed = {(p.document, p.unit) for p in planned.values() if p.action == "file"}
    assert filed == {("5.1", "tt-laem-fa-pha"), ("5.1", "sao-bang-yo"), ("4.4", ""), ("5.1", "sao-preng")}
    assert planned["อีเมล/5.1 อบต.บางยอ นำเข้าข้อมูล ITAS.pdf"].action == "duplicate"
    for person in ("LINE/ภาพหน้าจอ อบต.หนองปรือ.png", "อีเมล/5.1 อบต.ทรงคะนอง.pdf"):
        assert planned[person].action in ("ambiguous", "unmatched") and not planned[person].destination


def test_the_references_intake_step_runs_as_written_from_the_top_of_the_repository(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shlex

    from typer.testing import CliRunner

    from itapack.cli import app

    text = (ROOT / "REFERENCE.md").read_text(encoding="utf-8")
    start = text.index("```\n", text.index("**Thursday: the inbox.**")) + 4
    command, _newline, shown = text[start : text.index("```", start)].partition("\n")
    args = shlex.split(command.removeprefix("$ "))
    assert args[:2] == ["itapack", "intake"]  # a preview: it changes nothing
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, args[1:])
    assert result.exit_code == 1  # two files wait for a person
    assert result.output == shown
