"""The check: a loaded pack → one scan → files placed → statuses decided → a CheckResult.

No printing, no exiting: outputs read the result.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Sequence
from datetime import date

from .errors import InputError
from .evidence.decide import decide
from .evidence.parallel import scan_and_place
from .evidence.result import CheckResult
from .evidence.scan import Progress
from .i18n import _
from .pack import thai
from .pack.folder import Pack
from .pack.model import Unit
from .stopping import cycle_collection_paused


def check(
    pack: Pack,
    progress: Progress | None = None,
    today: date | None = None,
    jobs: int | None = None,
    due_soon_days: int | None = None,
) -> CheckResult:
    """today: what "overdue" and "due soon" are judged against; default the machine's date.
    due_soon_days: default the pack's. jobs: processes that may share a big tree (default
    ITAPACK_JOBS, else the processors this process may use)."""
    with cycle_collection_paused():
        scan, placer = scan_and_place(pack, progress, jobs)
        result = decide(pack, scan, placer, today or date.today(), due_soon_days)
        if scan.files >= BIG_RESULT:  # frozen, so that the outputs' collections do not walk it again
            gc.freeze()
    return result


BIG_RESULT = 50_000  # files: a result this big is frozen out of the cycle collector's sight


def select(result: CheckResult, pack: Pack, sections: Sequence[str] = (), units: Sequence[str] = ()) -> CheckResult:
    """Narrow a result to --level/--section and --unit. A section is named by its id ("10.2") or
    its position (2); a unit by its id, Thai name or short form."""
    if not sections and not units:
        return result
    numbers = frozenset(n for text in sections for n in _section_numbers(pack, text)) if sections else None
    unit_ids = frozenset(unit_id(pack, text) for text in units) if units else None
    return result.select(numbers, unit_ids)


def _section_numbers(pack: Pack, text: str) -> list[int]:
    wanted = thai.to_arabic_digits(text.strip()).casefold()
    by_id = [n for n, s in enumerate(pack.sections, 1) if s.id and thai.to_arabic_digits(s.id).casefold() == wanted]
    if by_id:
        return by_id
    if wanted.isdigit() and 1 <= int(wanted) <= len(pack.sections):
        return [int(wanted)]
    what = _("ระดับ") if pack.ladder else _("หมวด")
    ids = sorted({s.id for s in pack.sections if s.id})
    named = _(" หรือระบุรหัส: {ids}").format(ids=", ".join(ids)) if ids else ""
    raise InputError(
        _("--level/--section {text}: ชุดเอกสารนี้มี{what} 1 ถึง {highest}{named}").format(
            text=text, what=what, highest=len(pack.sections), named=named
        )
    )


def unit_id(pack: Pack, text: str) -> str:
    """A unit by its id, Thai name, short form ("อบต.บางยอ") or alias; or by its place name alone
    ("บางยอ"), as --district takes "บางบ่อ", when only one unit has it."""
    key = thai.name_key(text)
    unit = pack.unit_by_key.get(key)
    if unit is not None:
        return unit.id
    placed = [u for u in pack.roster.units if key and thai.name_key(_place_name(pack, u)) == key]
    if len(placed) == 1:
        return placed[0].id
    if placed:
        named = " / ".join(f"{u.id} ({u.name})" for u in placed)
        raise InputError(_("--unit {text}: มีหลายหน่วยงานชื่อนี้ ระบุให้ชัด: {units}").format(text=text, units=named))
    names = pack.unit_by_key
    close = difflib.get_close_matches(thai.name_key(text), list(names), n=1, cutoff=0.6)
    hint = (
        _("; หมายถึง {id} ({name}) หรือเปล่า?").format(id=names[close[0]].id, name=names[close[0]].name) if close else ""
    )
    raise InputError(_("--unit {text}: ไม่มีหน่วยงานนี้ในชุดเอกสาร{hint}").format(text=text, hint=hint))


def _place_name(pack: Pack, unit: Unit) -> str:
    """The name without its kind's: "บางยอ" of องค์การบริหารส่วนตำบลบางยอ; "" when it has no kind prefix."""
    kind = next((k for k in pack.roster.kinds if k.id == unit.kind), None)
    if kind is None or not unit.name.startswith(kind.name) or unit.name == kind.name:
        return ""
    return unit.name[len(kind.name) :]
