"""Where evidence goes: the folder names scaffold creates and check points clerks to."""

from __future__ import annotations

import re
import unicodedata

from ..pack.folder import Pack
from ..pack.model import Document, Unit

# Characters Windows does not allow in names, plus control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_NAME = 80  # keeps deep paths under Windows' 260-character limit
# Where a pack is filed unit first, a unit's evidence goes into the unit's own folder, under a
# name that leads with the document's id: expected is then "…/อบต.บางปลา/3.1 *". Windows allows no
# "*" in a name, so it never ends a real path.
ANY_NAME = "*"


def evidence_prefix(pack: Pack) -> str:
    """How every path of a result begins: the pack's evidence setting, "/"-separated ("evidence/")."""
    return pack.info.evidence.strip("/\\").replace("\\", "/") + "/"


def named_in_folder(expected: str) -> tuple[str, str] | None:
    """(the folder, the id a name there leads with) for "…/อบต.บางปลา/3.1 *"; None for a folder."""
    if not expected.endswith(f" {ANY_NAME}"):
        return None
    folder, _, lead = expected[: -len(ANY_NAME) - 1].rpartition("/")
    return f"{folder}/", lead


def safe_name(text: str) -> str:
    name = _UNSAFE.sub(" ", text)
    name = re.sub(r"\s+", " ", name).strip()
    if len(name) > MAX_NAME:
        name = _shorten(name)
    return name.rstrip(". ") or "_"


def document_folder(pack: Pack, document: Document) -> str:
    """Relative to the evidence folder: the document's own folder, or "<id> <title>"."""
    if document.folder is not None:
        return document.folder.strip("/\\")
    return safe_name(f"{document.id} {pack.title(document)}")


def unit_folder(unit: Unit) -> str:
    return safe_name(unit.name)


def _shorten(name: str) -> str:
    """At most MAX_NAME characters: at a space when that keeps most of it; Thai has no spaces
    between words, so otherwise at a character, never between a consonant and its vowel or tone
    mark, nor after a leading vowel (เ แ โ ใ ไ) that belongs to what was cut."""
    cut = name[:MAX_NAME]
    space = cut.rfind(" ")
    if space >= MAX_NAME // 2:
        return cut[:space]
    while cut and unicodedata.category(name[len(cut)]) in ("Mn", "Mc"):
        cut = cut[:-1]
    while cut and "\u0e40" <= cut[-1] <= "\u0e44":
        cut = cut[:-1]
    return cut
