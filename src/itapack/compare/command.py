"""What `itapack compare` does, without printing: load both packs, check each once, compare."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..check import check
from ..errors import InputError
from ..i18n import _
from ..pack.folder import Pack
from ..pack.loader import load_pack
from .diff import Comparison, compare


def previous_pack(pack: Pack) -> Path:
    """Last year's pack as pack.yaml's previous.pack names it (rollover writes it, relative to this pack)."""
    previous = pack.info.previous
    if previous is None or not previous.pack:
        raise InputError(
            _("{root}: pack.yaml ไม่มี previous.pack (ชุดเอกสารของปีก่อน) ให้ระบุสองชุด: itapack compare OLD NEW").format(
                root=pack.root
            )
        )
    return pack.root / previous.pack


def run(old_path: Path | None, new_path: Path, today: date | None = None) -> Comparison:
    """old_path None: the new pack's previous.pack."""
    new = load_pack(new_path)
    old = load_pack(old_path if old_path is not None else previous_pack(new))  # both valid before either is scanned
    return compare_packs(old, new, today)


def compare_packs(old: Pack, new: Pack, today: date | None = None) -> Comparison:
    return compare(check(old, today=today), check(new, today=today), old.info.results, new.info.results)
