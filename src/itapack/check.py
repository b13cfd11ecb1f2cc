"""The check: a loaded pack → one scan → files placed → statuses decided → a CheckResult.

No printing, no exiting: outputs read the result.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from . import thai
from .decide import decide
from .errors import InputError
from .i18n import _
from .match import place
from .pack import Pack
from .result import CheckResult
from .scan import Progress, Scan


def check(pack: Pack, progress: Progress | None = None, today: date | None = None) -> CheckResult:
    """today: what "overdue" is judged against; default the machine's date."""
    with _cycle_collection_paused():
        scan = Scan(pack.evidence_root, pack.root, progress=progress)
        placer = place(pack, scan)  # runs the scan, folder by folder
        return decide(pack, scan, placer, today or date.today())


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """A national result is a million small objects and no reference cycles; the cycle collector
    would walk them again and again while they are made (measured: half the matching time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def select(result: CheckResult, pack: Pack, sections: Sequence[int] = (), units: Sequence[str] = ()) -> CheckResult:
    """Narrow a result to --level (--section) and --unit; units by id, Thai name or short form."""
    if not sections and not units:
        return result
    highest = len(pack.sections)
    what = _("ระดับ") if pack.ladder else _("หมวด")
    for number in sections:
        if not 1 <= number <= highest:
            raise InputError(
                _("--level {number}: ชุดเอกสารนี้มี{what} 1 ถึง {highest}").format(number=number, what=what, highest=highest)
            )
    unit_ids = frozenset(_unit_id(pack, text) for text in units) if units else None
    return result.select(frozenset(sections) if sections else None, unit_ids)


def _unit_id(pack: Pack, text: str) -> str:
    unit = pack.unit_by_key.get(thai.name_key(text))
    if unit is not None:
        return unit.id
    names = pack.unit_by_key
    close = difflib.get_close_matches(thai.name_key(text), list(names), n=1, cutoff=0.6)
    hint = (
        _("; หมายถึง {id} ({name}) หรือเปล่า?").format(id=names[close[0]].id, name=names[close[0]].name) if close else ""
    )
    raise InputError(_("--unit {text}: ไม่มีหน่วยงานนี้ในชุดเอกสาร{hint}").format(text=text, hint=hint))
