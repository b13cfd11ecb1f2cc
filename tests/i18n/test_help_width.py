"""Every command's help on an 80-column terminal: nothing cut ("…"), no line wider than the
screen, and what to type shown in Thai (<โฟลเดอร์>, <ไฟล์>), not click's FILE, DIR, LIST or
typer's <path>, <str>."""

from __future__ import annotations

import re
import unicodedata

import pytest
import typer
from typer.testing import CliRunner

from itapack.cli import app

runner = CliRunner()


def _commands() -> list[list[str]]:
    group = typer.main.get_command(app)
    found = []
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        found += [[name, sub] for sub in sorted(subcommands)] if subcommands else [[name]]
    return found


def cells(line: str) -> int:
    """Columns a terminal gives the line: Thai vowel and tone marks above or below take none."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1 for ch in line)


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_help_fits_80_columns_with_nothing_cut_and_thai_metavars(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "…" not in result.output, [line for line in lines if "…" in line]
    assert max(cells(line) for line in lines) <= 80
    assert "[ตัวเลือก]" in lines[1] and "[OPTIONS]" not in result.output
    assert "<path>" not in result.output and "<str>" not in result.output
    english = re.findall(
        r"(?:--[a-z-]+|-[a-z])\s+(FILE|DIR|LIST|N|YEAR|YYYY-MM-DD|UNIT|KIND|DISTRICT)\b", result.output
    )
    assert not english
    boxed = [line for line in lines if line.startswith("│")]
    assert all(cells(line) == cells(boxed[0]) for line in boxed)  # the right border stays straight


def test_help_metavars_are_english_with_lang_en() -> None:
    result = runner.invoke(app, ["--lang", "en", "intake", "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "<folder>" in result.output and "[OPTIONS]" in result.output
    assert not re.search("[\u0e00-\u0e7f]{2,}>", result.output)


def test_limits_and_the_apps_usage_are_in_thai_and_a_typo_is_not_taken_for_help() -> None:
    from typer.testing import CliRunner

    from itapack.cli import app

    check = CliRunner().invoke(app, ["check", "--help"], terminal_width=80).output
    assert "[อย่างน้อย 1]" in check and "[0 ถึง 100]" in check and "x>=" not in check
    usage = CliRunner().invoke(app, ["--help"], terminal_width=80).output
    assert "[ตัวเลือก] คำสั่ง" in usage and "OPTIONS" not in usage and "<bool>" not in usage
    typo = CliRunner().invoke(app, ["check", "--levle"])
    assert "หมายถึง --level หรือเปล่า?" in typo.output and "--help" not in typo.output
