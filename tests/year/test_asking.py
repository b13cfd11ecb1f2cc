"""itapack init on a terminal: the questions asked in Thai, wrong answers asked again, and a
pack made from the answers that loads, with its signer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app
from itapack.errors import InputError
from itapack.pack.loader import load_pack
from itapack.year.asking import ask_init
from itapack.year.newpack import init_pack

runner = CliRunner()
TODAY = date(2025, 11, 3)  # FY 2569 began on 1 ต.ค. 2568


def answered(*answers: str) -> tuple[dict[str, object], list[str], list[str]]:
    given = iter(answers)
    questions: list[str] = []
    told: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        try:
            return next(given)
        except StopIteration:
            raise EOFError from None

    answers = ask_init(ask, told.append, TODAY)
    return {key: value for key, value in vars(answers).items() if value is not None}, questions, told


def test_a_provinces_pack_from_answers_with_defaults_taken_by_enter(tmp_path: Path) -> None:
    options, questions, _told = answered("", "จังหวัดสมุทรสาคร", "", "", "นายสมชาย ใจดี", "")
    assert options == {
        "fiscal_year": 2569,
        "province": "สมุทรสาคร",
        "office": "สำนักงานจังหวัดสมุทรสาคร",
        "signer": "นายสมชาย ใจดี",
        "signer_position": "ผู้ว่าราชการจังหวัดสมุทรสาคร",
    }
    assert "ปีงบประมาณ พ.ศ. [2569]: " in questions
    assert "หน่วยงานที่รับผิดชอบ [สำนักงานจังหวัดสมุทรสาคร]: " in questions
    pack = init_pack(tmp_path / "สมุทรสาคร-2569", **options)
    assert (pack.fiscal_year, pack.info.province) == (2569, "สมุทรสาคร")
    assert pack.info.letters.signer.name == "นายสมชาย ใจดี"
    assert pack.info.letters.signer.position == "ผู้ว่าราชการจังหวัดสมุทรสาคร"


def test_wrong_answers_are_said_and_asked_again_thai_digits_are_years() -> None:
    options, questions, told = answered("3", "1", "", "สมุทรสาคร", "68", "๒๕๖๘", "สำนักงานจังหวัดสมุทรสาคร", "")
    assert options["fiscal_year"] == 2568 and "signer" not in options
    assert told.count("  ตอบ 1 หรือ 2") == 1
    assert any("ระบุชื่อจังหวัดภาษาไทย" in line for line in told)
    assert any("ระบุปี พ.ศ. สี่หลัก" in line for line in told)
    assert len(questions) == 8  # no question about the signer's position without a signer


def test_a_bodys_oit_pack(tmp_path: Path) -> None:
    options, _questions, _told = answered("2", "องค์การบริหารส่วนตำบลบางปลา", "2568")
    assert options == {"fiscal_year": 2568, "organisation": "องค์การบริหารส่วนตำบลบางปลา"}
    pack = init_pack(tmp_path / "บางปลา-2568", **options)
    assert pack.organisation.name == "องค์การบริหารส่วนตำบลบางปลา"


def test_input_that_ends_or_never_makes_sense_starts_nothing() -> None:
    with pytest.raises(InputError, match="ยังไม่ได้คำตอบที่ใช้ได้"):
        answered("1")
    with pytest.raises(InputError, match="ยังไม่ได้คำตอบที่ใช้ได้"):
        answered(*["x"] * 10)


def test_init_on_a_terminal_asks_and_makes_the_pack_named_in_thai(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from itapack.commands import running

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(running, "on_terminal", lambda: True)
    answers = "1\nสมุทรสาคร\n2568\n\nนางสาวสมหญิง รักงาน\nรองผู้ว่าราชการจังหวัดสมุทรสาคร\n"
    result = runner.invoke(app, ["init"], input=answers)
    assert result.exit_code == 0, result.output
    assert "ชื่อจังหวัด เช่น สมุทรสาคร: " in result.output
    pack = load_pack(tmp_path / "สมุทรสาคร-2568")
    assert (pack.fiscal_year, pack.info.office) == (2568, "สำนักงานจังหวัดสมุทรสาคร")
    assert pack.info.letters.signer.position == "รองผู้ว่าราชการจังหวัดสมุทรสาคร"
    assert (tmp_path / "สมุทรสาคร-2568" / "evidence").is_dir()  # scaffolded


def test_init_with_options_asks_nothing_even_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from itapack.commands import running

    monkeypatch.setattr(running, "on_terminal", lambda: True)
    folder = tmp_path / "p"
    options = ["--province", "สมุทรสาคร", "-y", "2568", "--signer", "นายสมชาย ใจดี"]
    result = runner.invoke(app, ["init", str(folder), *options], input="")
    assert result.exit_code == 0, result.output
    assert "ชื่อจังหวัด" not in result.output
    assert load_pack(folder).info.letters.signer.name == "นายสมชาย ใจดี"


def test_init_without_options_in_a_script_says_what_to_give(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 2 and "--province" in result.output
    assert not any(tmp_path.iterdir())
