"""What start-up loads and builds: a real process, watched from inside (never timed here)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pydantic
import pytest

from itapack import entry
from itapack.cli import app

from .conftest import EXAMPLE

# Imported only for what itapack does not do at start-up: read package metadata for pydantic
# plugins (importlib.metadata pulls in email), draw Markdown or pretty tracebacks in the help,
# write a file (outfile: a check without --output writes to stdout), read dates in names (calendar:
# namedates compiles its patterns and imports it only for a pack with date windows, not the example),
# keep what a big tree held (contentcache: the example is small), or write a file (safety, the one
# writer: a check to stdout writes none).
UNWANTED = (
    "importlib.metadata",
    "email",
    "markdown_it",
    "pygments",
    "rich.markdown",
    "rich.traceback",
    "itapack.outputs.outfile",
    "calendar",
    "itapack.safety",
)
# A check uses the content cache, small tree or big (evidence/parallel.py); --help needs none of it
NOT_FOR_HELP = (*UNWANTED, "itapack.evidence.contentcache")

DRIVER = textwrap.dedent(
    """
    import atexit, gc, json, sys
    import typer.main
    watched, report_to = sys.argv[1].split(","), sys.argv[2]
    built = []
    real = typer.main.get_command_from_info
    def recording(command_info, **options):
        command = real(command_info, **options)
        built.append(command.name)
        return command
    typer.main.get_command_from_info = recording
    def report():
        state = {
            "imported": [name for name in watched if name in sys.modules],
            "built": built,
            "collecting": gc.isenabled(),
            "frozen": gc.get_freeze_count(),
        }
        with open(report_to, "w", encoding="utf-8") as out:
            json.dump(state, out)
    atexit.register(report)
    from itapack.entry import main
    sys.argv = ["itapack", *sys.argv[3:]]
    main()
    """
)


def every_command() -> list[str]:
    """The app's commands and its groups' (units import, units export), as typer names them."""
    infos = [*app.registered_commands]
    for group in app.registered_groups:
        infos += group.typer_instance.registered_commands if group.typer_instance else []
    return [info.name or info.callback.__name__ for info in infos if info.callback]


def start(
    tmp_path: Path, *args: str | Path, watched: tuple[str, ...] = UNWANTED
) -> tuple[int, str, str, dict[str, Any]]:
    report = tmp_path / "start-up.json"
    completed = subprocess.run(
        [sys.executable, "-c", DRIVER, ",".join(watched), str(report), *map(str, args)],
        capture_output=True,
        env={**os.environ, "ITAPACK_LANG": "th"},
        timeout=120,
    )
    stderr = completed.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    return completed.returncode, completed.stdout.decode("utf-8"), stderr, json.loads(report.read_text("utf-8"))


@pytest.mark.parametrize("before", [[], ["--lang", "en"], ["--lang=en"]])
def test_a_check_builds_its_own_command_only_and_reads_no_package_metadata(tmp_path: Path, before: list[str]) -> None:
    code, out, _, state = start(tmp_path, *before, "check", EXAMPLE, "--format", "json")
    assert code in (0, 1)
    assert json.loads(out)["format"] == "itapack-check"  # the pack was validated by pydantic
    assert state["built"] == ["check"]
    assert state["imported"] == []
    # the command's work ran with cycle collection on, start-up's objects set aside
    assert state["collecting"] is True
    assert state["frozen"] > 0


def test_a_second_check_of_an_unchanged_pack_imports_no_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pack loaded by the first check is remembered (pack/packcache.py): the second reads no YAML."""
    monkeypatch.setenv("ITAPACK_CACHE_DIR", str(tmp_path / "cache"))
    runs = [start(tmp_path, "check", EXAMPLE, "--format", "json", watched=("yaml",)) for _ in range(2)]
    assert [state["imported"] for *_, state in runs] == [["yaml"], []]
    assert runs[0][:3] == runs[1][:3]


def test_help_lists_every_command_without_markdown_or_tracebacks(tmp_path: Path) -> None:
    code, out, _, state = start(tmp_path, "--help", watched=NOT_FOR_HELP)
    assert code == 0
    assert sorted(state["built"]) == sorted(every_command())
    assert "check" in out and "bundle" in out
    assert state["imported"] == []


def test_help_of_one_command_builds_that_command(tmp_path: Path) -> None:
    code, out, _, state = start(tmp_path, "--lang", "en", "check", "--help")
    assert code == 0
    assert "--target-level" in out and "Usage" in out
    assert state["built"] == ["check"]
    assert state["imported"] == []


def test_a_misspelt_command_still_gets_its_suggestion(tmp_path: Path) -> None:
    code, _, err, state = start(tmp_path, "chek", EXAMPLE)
    assert code == 2
    assert "'check'" in err
    assert len(state["built"]) == len(every_command())


def test_pydantic_asks_its_plugin_loader_only_for_what_the_stand_in_has() -> None:
    """A later pydantic that imports more from its loader would break the stand-in: this says so."""
    asked: set[str] = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_loader"):
                asked |= {alias.name for alias in node.names}
    stand_in = entry.plugin_loader_stand_in()
    assert asked == {"get_plugins"}
    assert all(hasattr(stand_in, name) for name in asked)
    assert list(stand_in.get_plugins()) == []
