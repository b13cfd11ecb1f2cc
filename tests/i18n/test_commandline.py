"""How the command line is read before the parser sees it, and what its help imports."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from itapack.i18n.commandline import command_named


@pytest.mark.parametrize(
    ("arguments", "command"),
    [
        (["check", "."], "check"),
        (["--lang", "en", "check", "--lang", "th"], "check"),
        (["--lang=en", "render", "แฟ้ม"], "render"),
        (["--lang", "check"], None),  # "check" is the language asked for: the option says it is wrong
        (["--help", "check"], None),
        (["--version"], None),
        (["--", "check"], None),
        ([], None),
    ],
)
def test_the_command_named_is_the_first_word_after_the_apps_options(arguments: list[str], command: str | None) -> None:
    assert command_named(arguments) == command


def test_helps_rich_classes_it_does_not_use_are_the_real_ones_once_used() -> None:
    code = textwrap.dedent(
        """
        import sys
        from itapack.i18n.commandline import _rich_utils
        rich_utils = _rich_utils()
        assert not {"markdown_it", "pygments", "rich.markdown", "rich.traceback"} & set(sys.modules)
        import rich.markdown, rich.traceback
        assert type(rich_utils.Markdown("**หนา**")) is rich.markdown.Markdown
        assert rich_utils.Traceback.from_exception == rich.traceback.Traceback.from_exception
        """
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr


@pytest.mark.parametrize("command", ["bundle", "check", "export"])
def test_help_shows_no_type_beside_a_flag(command: str) -> None:
    """A flag takes no value: typer's "<bool>" beside --force or --help only puzzles a clerk."""
    done = subprocess.run(
        [sys.executable, "-m", "itapack", command, "--help"],
        capture_output=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "120"},
    )
    text = done.stdout.decode("utf-8")
    assert done.returncode == 0 and "--force" in text and "--help" in text, done.stderr
    assert "<bool>" not in text and "bool" not in text.lower()
