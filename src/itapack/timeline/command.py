"""What `itapack timeline` does, without printing: load the pack and its plan, check once, date it all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..check import check
from ..pack.loader import load_pack
from .build import Timeline, build_timeline
from .plan import load_plan


def run(pack_path: Path, today: date | None = None, soon_days: int | None = None) -> Timeline:
    pack = load_pack(pack_path)
    plan = load_plan(pack)  # before the scan: a wrong plan.yaml stops the run at once
    day = today or date.today()
    soon = pack.info.due_soon_days if soon_days is None else soon_days
    return build_timeline(check(pack, today=day, due_soon_days=soon), plan, day, soon)
