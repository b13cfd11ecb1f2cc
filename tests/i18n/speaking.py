"""Running a command as a clerk would, in Thai (nothing set) or with --lang en, for the tests that
check each command's own messages are Thai by default and English on request."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from itapack import i18n
from itapack.cli import app

THAI = re.compile("[\u0e01-\u0e5b]")


def itapack(*args: str | Path, lang: str | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr). lang=None: LANG and ITAPACK_LANG unset, no option, as a clerk
    first runs it; "en": --lang en before the command."""
    if lang is None:
        i18n.choose([], {})  # what start-up chooses with nothing set
    options = ["--lang", lang] if lang else []
    result = CliRunner().invoke(app, [*options, *map(str, args)], env={"LANG": None, "ITAPACK_LANG": None})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def without(text: str, *data: object) -> str:
    """text less the data it quotes (unit names, titles, paths), which stay as written in any language."""
    for item in sorted(map(str, data), key=len, reverse=True):
        text = text.replace(item, "")
    return text


def thai_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if THAI.search(line)]
