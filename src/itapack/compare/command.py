"""What `itapack compare` does, without printing: load both packs, check each once, compare."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..check import check
from ..pack.loader import load_pack
from .diff import Comparison, compare


def run(old_path: Path, new_path: Path, today: date | None = None) -> Comparison:
    old, new = load_pack(old_path), load_pack(new_path)  # both validated before either is scanned
    return compare(check(old, today=today), check(new, today=today), old.info.results, new.info.results)
