"""Messages in the clerk's language: Thai as written in the code, English from the en.po catalogue.

Thai is the source language, so the default costs nothing: _() returns its argument. English is
read from the gettext catalogue en.po beside this file (msgid: the Thai text, msgstr: English)
the first time it is asked for, so a translator works on an ordinary .po file. Thai has one form
for any count; English has two, so a message with a count goes through _n() and its entry has
gettext's msgid_plural, msgstr[0] (one) and msgstr[1] (any other count).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

LANGUAGES = ("th", "en")
DEFAULT = "th"
ENVIRONMENT = "ITAPACK_LANG"

_catalogue: dict[str, str] | None = None  # None: Thai, the messages as written
_singulars: dict[str, str] = {}  # msgid -> its form for a count of one, where it has two
_language = DEFAULT


def _(message: str) -> str:
    """The message in the chosen language. Placeholders are filled after: _("… {path}").format(path=…)."""
    if _catalogue is None:
        return message
    return _catalogue.get(message) or message


def _n(message: str, count: int) -> str:
    """_() for a message about count things: "at least 1 file", "at least 2 files"."""
    if _catalogue is None:
        return message
    return (_singulars.get(message) if count == 1 else None) or _catalogue.get(message) or message


def N_(message: str) -> str:
    """Marks a message translated later, where it is used (a table built at import)."""
    return message


def language() -> str:
    return _language


def set_language(code: str) -> None:
    """th or en; anything else is a ValueError naming the choices."""
    global _catalogue, _singulars, _language
    code = code.strip().lower().split("_")[0].split(".")[0]
    if code not in LANGUAGES:
        raise ValueError(code)
    _catalogue, _singulars = (None, {}) if code == "th" else _shipped_forms(code)
    _language = code


@functools.cache
def _shipped_forms(code: str) -> tuple[dict[str, str], dict[str, str]]:
    """The catalogue beside this file, read once however often the language is set."""
    singulars: dict[str, str] = {}
    return read_po(Path(__file__).with_name(f"{code}.po"), singulars), singulars


def _shipped(code: str) -> dict[str, str]:
    return _shipped_forms(code)[0]


@contextlib.contextmanager
def speaking(code: str) -> Iterator[None]:
    """The language for a while: a Thai official document (a report, a memo, the binder) is built
    in Thai whatever the clerk's messages are set to, then the language goes back."""
    saved = _language
    set_language(code)
    try:
        yield
    finally:
        set_language(saved)


def in_thai(function: Callable[P, R]) -> Callable[P, R]:
    """For a function that writes a Thai document's text: Thai whatever the messages' language."""

    @functools.wraps(function)
    def thai(*args: P.args, **kwargs: P.kwargs) -> R:
        with speaking("th"):
            return function(*args, **kwargs)

    return thai


class Words(Mapping[object, str]):
    """A table of Thai words marked with N_(), each looked up in the chosen language when read."""

    def __init__(self, words: Mapping[object, str]):
        self._words = dict(words)

    def __getitem__(self, key: object) -> str:
        text = self._words[key]  # marked with N_() where the table is written
        return _(text)

    def __iter__(self) -> Iterator[object]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


def in_every_language(message: str) -> tuple[str, ...]:
    """The message as written (Thai) and as each catalogue has it: for recognising text that
    itapack wrote earlier in whichever language."""
    return (message, *(text for code in LANGUAGES[1:] if (text := _shipped(code).get(message))))


def language_from(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> str:
    """--lang en (or --lang=en) on the command line, else ITAPACK_LANG, else Thai. LANG is not
    read on purpose: a Thai clerk's Windows or a CI runner often says en_US."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return environ.get(ENVIRONMENT) or DEFAULT


def choose(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> None:
    """Set the language at start-up; an unknown one leaves Thai (the --lang option then says so)."""
    try:
        set_language(language_from(argv, environ))
    except ValueError:
        set_language(DEFAULT)


def read_po(path: Path, singulars: dict[str, str] | None = None) -> dict[str, str]:
    """msgid -> msgstr of a gettext .po file, fuzzy entries skipped, no contexts. An entry with
    plural forms gives its msgstr[1] here, and its msgstr[0] to singulars when asked for."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    one: list[str] | None = None  # msgstr[0] of an entry with plural forms
    current: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal msgid, msgstr, one, fuzzy
        if msgid is not None and msgstr is not None and not fuzzy:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value:
                entries[key] = value
                if one is not None and singulars is not None and "".join(one):
                    singulars[key] = "".join(one)
        msgid = msgstr = one = None
        fuzzy = False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            fuzzy = True
        elif not line or line.startswith("#"):
            if msgstr is not None:
                flush()
        elif line.startswith("msgid "):
            if msgstr is not None:
                flush()
            msgid = current = [_unquote(line[6:])]
        elif line.startswith("msgid_plural "):
            current = []  # the same Thai text: Thai has one form
        elif line.startswith("msgstr[0] "):
            one = current = [_unquote(line[10:])]
        elif line.startswith("msgstr "):
            msgstr = current = [_unquote(line[7:])]
        elif line.startswith("msgstr[1] "):
            msgstr = current = [_unquote(line[10:])]
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
    flush()
    return entries


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a quoted PO string: {text}")
    body, out, i = text[1:-1], [], 0
    if "\\" not in body:
        return body
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)
