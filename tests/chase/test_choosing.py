"""The person chooses: a unit name one letter off is never filed on a guess, a file intake cannot
place is settled by a choice given up front (--choose) or asked on a terminal, and the choice is
in the journal and the log."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.chase import intake
from itapack.chase.choosing import Chosen, Prompt
from itapack.chase.journal import Journal
from itapack.cli import app
from itapack.errors import InputError
from itapack.pack.loader import load_pack

from ..conftest import EXAMPLE, PDF, make_tree, run_check

runner = CliRunner()
SCREENSHOT = "LINE/ภาพหน้าจอ อบต.หนองปรือ.png"  # the unit named only itself: what does it owe?
MISSPELT = "อีเมล/5.1 อบต.ทรงคะนอง.pdf"  # ทรงคนอง with one letter too many


def planned(inbox: Path, choose: intake.Chooser | None = None, pack: Path = EXAMPLE) -> dict[str, intake.Placement]:
    return {p.file: p for _, p in intake.plan(load_pack(pack), run_check(pack), inbox, choose)}


@pytest.fixture(scope="module")
def example() -> dict[str, intake.Placement]:
    return planned(EXAMPLE / "inbox")


def test_a_name_one_letter_off_is_a_choice_with_the_unit_it_resembles(example: dict[str, intake.Placement]) -> None:
    misspelt = example[MISSPELT]
    assert misspelt.action == "ambiguous" and not misspelt.destination
    assert "ทรงคนอง" in misspelt.reason and "พิมพ์ผิด" in misspelt.reason
    assert [place for place, _ in misspelt.options] == ["5.1/sao-song-khanong"]


def test_a_typo_holding_another_units_whole_name_is_not_filed_to_that_unit(tmp_path: Path) -> None:
    # "ทต.บางพลีน้อ" holds ทต.บางพลี whole; the sender meant ทต.บางพลีน้อย, one letter short
    make_tree(tmp_path / "inbox", {"3.1 ทต.บางพลีน้อ.pdf": PDF, "3.1 เทศบาลเมืองแพรกษาใหม.pdf": PDF + b"2"})
    plan = planned(tmp_path / "inbox")
    short = plan["3.1 ทต.บางพลีน้อ.pdf"]
    assert short.action == "ambiguous" and short.confidence == ""
    assert {place for place, _ in short.options} == {"3.1/tt-bang-phli", "3.1/tt-bang-phli-noi"}
    tone = plan["3.1 เทศบาลเมืองแพรกษาใหม.pdf"]
    assert tone.action == "ambiguous"
    assert {place for place, _ in tone.options} == {"3.1/tm-phraeksa", "3.1/tm-phraeksa-mai"}


def test_exact_names_of_every_unit_are_never_read_as_typos() -> None:
    names = load_pack(EXAMPLE).unit_names
    for unit in load_pack(EXAMPLE).roster.units:
        assert names.near(f"5.1 {unit.name}.pdf") == (), unit.id


def test_choices_given_up_front_file_by_name_with_the_unit_in_thai(tmp_path: Path) -> None:
    chosen = Chosen(["ภาพหน้าจอ อบต.หนองปรือ.png=5.1/อบต.หนองปรือ", f"{MISSPELT}=๕.๑/องค์การบริหารส่วนตำบลทรงคนอง"])
    plan = planned(EXAMPLE / "inbox", chosen)
    chosen.check_all_used()
    screenshot, misspelt = plan[SCREENSHOT], plan[MISSPELT]
    assert (screenshot.action, screenshot.document, screenshot.unit, screenshot.confidence) == (
        "file",
        "5.1",
        "sao-nong-prue",
        "chosen",
    )
    assert screenshot.destination.endswith("/องค์การบริหารส่วนตำบลหนองปรือ/ภาพหน้าจอ อบต.หนองปรือ.png")
    assert (misspelt.unit, misspelt.confidence) == ("sao-song-khanong", "chosen")
    assert misspelt.reason == "ข้อ 5.1 องค์การบริหารส่วนตำบลทรงคนอง"


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("ภาพหน้าจอ อบต.หนองปรือ.png", "ไฟล์=ข้อ/หน่วยงาน"),
        ("ภาพหน้าจอ อบต.หนองปรือ.png=9.9/อบต.หนองปรือ", "ไม่รู้จักเลขข้อ 9.9"),
        ("ภาพหน้าจอ อบต.หนองปรือ.png=5.1/อบต.ไม่มีจริง", "ไม่รู้จักหน่วยงาน อบต.ไม่มีจริง"),
        ("ภาพหน้าจอ อบต.หนองปรือ.png=5.1", "ต้องส่งแยกตามหน่วยงาน"),
        ("ภาพหน้าจอ อบต.หนองปรือ.png=2.1/อบต.หนองปรือ", "ไม่ต้องส่งข้อ 2.1"),
        ("ภาพหน้าจอ อบต.หนองปรือ.png=3.1/อบต.หนองปรือ", "ชนิดไฟล์ .png"),
    ],
)
def test_a_choice_that_cannot_be_filed_says_why(spec: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        planned(EXAMPLE / "inbox", Chosen([spec]))


def test_a_choice_for_a_file_not_left_for_a_person_is_a_mistake_said() -> None:
    chosen = Chosen(["ไม่มีไฟล์นี้.pdf=5.1/อบต.บางยอ"])
    planned(EXAMPLE / "inbox", chosen)
    with pytest.raises(InputError, match="ไม่มีไฟล์ที่ต้องเลือกเอง"):
        chosen.check_all_used()


def test_the_terminal_prompt_shows_the_closest_places_and_takes_a_number_a_place_or_skip() -> None:
    answers = iter(["1", "9.9/อบต.บางยอ", "5.1/ทรงคนอง", "5.1/อบต.ทรงคนอง"])
    shown: list[str] = []
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        return next(answers)

    plan = planned(EXAMPLE / "inbox", Prompt(ask, shown.append))
    assert plan[SCREENSHOT].unit == "sao-nong-prue" and plan[SCREENSHOT].confidence == "chosen"
    assert plan[MISSPELT].unit == "sao-song-khanong" and plan[MISSPELT].confidence == "chosen"
    assert len(questions) == 4  # one each, and two wrong answers asked again
    assert SCREENSHOT in shown and "  1) ข้อ 5.1 องค์การบริหารส่วนตำบลหนองปรือ" in shown
    assert "  0) ข้าม (ไว้เลือกภายหลัง)" in shown
    assert any("ไม่รู้จักเลขข้อ 9.9" in line for line in shown)
    assert any("ไม่รู้จักหน่วยงาน ทรงคนอง" in line for line in shown)
    # the files filed without asking are never asked about
    assert not any(line.startswith("LINE/๕.๑") for line in shown)


@pytest.mark.parametrize("answer", ["0", "", "ข้าม"])
def test_skipping_or_no_answer_leaves_the_file_for_later(answer: str) -> None:
    plan = planned(EXAMPLE / "inbox", Prompt(lambda _question: answer, lambda _line: None))
    assert plan[SCREENSHOT].action == "unmatched" and plan[MISSPELT].action == "ambiguous"

    def closed(_question: str) -> str:
        raise EOFError

    plan = planned(EXAMPLE / "inbox", Prompt(closed, lambda _line: None))
    assert plan[SCREENSHOT].action == "unmatched"


def test_what_was_chosen_is_in_the_journal_and_the_log(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    loaded = load_pack(pack)
    chosen = Chosen(["ภาพหน้าจอ อบต.หนองปรือ.png=5.1/อบต.หนองปรือ"])
    plan = intake.plan(loaded, run_check(pack), pack / "inbox", chosen)
    with Journal(pack / "intake", move=False) as journal:
        intake.apply(loaded, plan, journal=journal)
    placements = {p.file: p for _, p in plan}
    assert placements[SCREENSHOT].action == "filed"
    assert (pack / placements[SCREENSHOT].destination).read_bytes() == (pack / "inbox" / SCREENSHOT).read_bytes()
    entries = [
        json.loads(line) for line in (pack / "intake" / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    steps = [(e["step"], e["file"]) for e in entries if e["file"] == SCREENSHOT]
    assert steps == [("chosen", SCREENSHOT), ("begin", SCREENSHOT), ("done", SCREENSHOT)]
    assert "เลือกเอง" in (pack / "intake" / "journal.csv").read_text(encoding="utf-8-sig")
    _csv, json_log = intake.write_log([p for _, p in plan], tmp_path / "log", datetime(2024, 2, 5))
    rows = {row["file"]: row for row in json.loads(json_log.read_text(encoding="utf-8"))["files"]}
    assert rows[SCREENSHOT]["confidence"] == "chosen"
    assert rows[MISSPELT]["action"] == "ambiguous"


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    pack = tmp_path / "สมุทรปราการ-2567"
    shutil.copytree(EXAMPLE, pack)
    return pack


def test_the_command_files_choices_given_with_choose_and_says_what_is_left(example_copy: Path) -> None:
    pack = example_copy
    choice = "ภาพหน้าจอ อบต.หนองปรือ.png=5.1/อบต.หนองปรือ"
    result = runner.invoke(app, ["intake", str(pack), str(pack / "inbox"), "--apply", "--choose", choice])
    assert result.exit_code == 1, result.output  # the misspelt one is still left for a person
    assert (pack / "evidence/5.1 การนำเข้าข้อมูลในระบบ ITAS/องค์การบริหารส่วนตำบลหนองปรือ/ภาพหน้าจอ อบต.หนองปรือ.png").is_file()
    assert "(ข้อ 5.1 องค์การบริหารส่วนตำบลหนองปรือ, เลือกเอง)" in result.output
    assert '--choose "ไฟล์=ข้อ/หน่วยงาน"' in result.output  # how to settle the rest
    again = runner.invoke(app, ["intake", str(pack), str(pack / "inbox"), "--choose", "ไม่มี.pdf=4.4"])
    assert again.exit_code == 2 and "ไม่มีไฟล์ที่ต้องเลือกเองชื่อ ไม่มี.pdf" in again.output


def test_the_command_asks_on_a_terminal_and_the_answers_file(
    example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from itapack.commands import running

    pack = example_copy
    monkeypatch.setattr(running, "on_terminal", lambda: True)
    result = runner.invoke(app, ["intake", str(pack), str(pack / "inbox"), "--apply"], input="1\n1\n")
    assert result.exit_code == 0, result.output  # every file found its place
    assert "  0) ข้าม (ไว้เลือกภายหลัง)" in result.output
    filed = {p.name: p.parent.name for p in (pack / "evidence/5.1 การนำเข้าข้อมูลในระบบ ITAS").rglob("*") if p.is_file()}
    assert filed["ภาพหน้าจอ อบต.หนองปรือ.png"] == "องค์การบริหารส่วนตำบลหนองปรือ"
    assert filed["5.1 อบต.ทรงคะนอง.pdf"] == "องค์การบริหารส่วนตำบลทรงคนอง"
    journal = (pack / "intake" / "journal.csv").read_text(encoding="utf-8-sig")
    assert journal.count("เลือกเอง") >= 2
