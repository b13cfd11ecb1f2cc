"""Where evidence goes: the folder names scaffold creates and check points clerks to."""

from __future__ import annotations

import re

from .model import Document, Unit
from .pack import Pack

# Characters Windows does not allow in names, plus control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_NAME = 80  # keeps deep paths under Windows' 260-character limit


def safe_name(text: str) -> str:
    name = _UNSAFE.sub(" ", text)
    name = re.sub(r"\s+", " ", name).strip()
    if len(name) > MAX_NAME:
        name = name[:MAX_NAME].rsplit(" ", 1)[0]
    return name.rstrip(". ") or "_"


def document_folder(pack: Pack, document: Document) -> str:
    """Relative to the evidence folder: the document's own folder, or "<id> <title>"."""
    if document.folder is not None:
        return document.folder.strip("/\\")
    return safe_name(f"{document.id} {pack.title(document)}")


def unit_folder(unit: Unit) -> str:
    return safe_name(unit.name)
