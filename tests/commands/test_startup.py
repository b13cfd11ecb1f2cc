"""Start-up: a command's help, or the app's, builds only what it shows. No pack model, no heavy
library, no other command's module is imported for it (a clerk's `--help` is instant)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from itapack.commands import COMMANDS

HEAVY = ("docx", "jinja2", "openpyxl", "xlsxwriter", "fpdf", "pypdf", "httpx", "icalendar", "pythainlp")
PROBE = """
import sys
from itapack.entry import main
sys.argv = ["itapack", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted(name for name in sys.modules if name.startswith("itapack.") or name.split(".")[0] in {heavy!r})
print("\\n".join(loaded), file=sys.stderr)
"""


def loaded_by(*args: str) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), *args], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    return set(run.stderr.split())


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_commands_help_imports_that_command_only_and_no_model(command: str) -> None:
    loaded = loaded_by(command, "--help")
    commands = {name for name in loaded if name.startswith("itapack.commands.")}
    assert commands - {"itapack.commands.options", "itapack.commands.running", "itapack.commands.streams"} == {
        f"itapack.commands.{COMMANDS[command]}"
    }
    assert not {name for name in loaded if name.startswith(("itapack.pack.", "itapack.evidence."))}
    assert not {name for name in loaded if name.split(".")[0] in HEAVY}


def test_the_apps_help_builds_every_command_and_loads_no_model() -> None:
    loaded = loaded_by("--help")
    assert {f"itapack.commands.{module}" for module in COMMANDS.values()} <= loaded
    assert not {name for name in loaded if name.startswith(("itapack.pack.", "itapack.evidence."))}


def test_a_bug_while_the_help_is_built_is_reported_as_one_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from itapack import cli
    from itapack.i18n import commandline

    def broken(*args: object) -> None:
        raise AttributeError("boom")

    monkeypatch.setattr(commandline, "_thai_metavar", broken)
    monkeypatch.setattr(sys, "argv", ["itapack", "check", "--help"])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 70
    said = capsys.readouterr().err
    assert "ข้อผิดพลาดภายใน: AttributeError: boom" in said and "Traceback" not in said
