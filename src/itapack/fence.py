"""The fence: the packs loaded in this run, whose YAML and evidence no output may touch.

Loading a pack fences it (pack/loader.py); safety.py, the one writer, refuses what lies behind a
fence. Kept apart from the writer so that a check writing to stdout, which writes no file, does
not import it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .pack.folder import Pack


class Fence(NamedTuple):
    """A pack's own files, as real paths compared in the system's letter case."""

    yaml_files: frozenset[str]
    evidence: str
    evidence_shown: str


_fences: dict[str, Fence] = {}  # by the pack's real root


def protect(pack: Pack) -> None:
    """From now on in this run nothing is written over the pack's YAML or into its evidence."""
    from .pack.folder import PACK_FILES

    root = os.path.realpath(pack.root)
    names = set(PACK_FILES) | set(pack.files)
    _fences[root] = Fence(
        frozenset(key(os.path.join(root, name)) for name in names),
        key(os.path.realpath(pack.evidence_root)),
        pack.info.evidence,
    )


def fences() -> list[Fence]:
    return list(_fences.values())


def is_fenced(root: Path) -> bool:
    """Has a pack at root been loaded (and so fenced) in this run?"""
    return key(os.path.realpath(root)) in _fences


def forget_packs() -> None:
    """A new command starts with no fences (the tests run many commands in one process)."""
    _fences.clear()


def key(path: str) -> str:
    return os.path.normcase(os.path.normpath(path))
