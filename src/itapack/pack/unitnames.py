"""Which units a file name mentions, anywhere in it: "5.1 อบต.บางยอ.pdf", "อบต.บางยอ 5.1.pdf",
"คำรับรอง องค์การบริหารส่วนตำบลบางยอ.pdf". The one reader check and intake share.

Names are compared as name keys (Thai-folded, without spaces, dots and dashes), so every spelling a
unit's folder may carry (id, Thai name, short form, alias) is found inside a longer name too. A
key inside a longer key found at the same place does not count: "อบต.บางปลาม้า" is not also
"อบต.บางปลา", and "สำนักงานจังหวัดสมุทรปราการ" is not also "จังหวัดสมุทรปราการ".

A national pack has 8,300 units and 30,000 keys: each is indexed by its first two characters, so
a name is read in one pass over its own characters, not one pass per key.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from . import thai
from .model import Unit

SHORTEST_KEY = 3  # "อบต" alone, or an id like "u1", would be found in every other name


class UnitNames:
    def __init__(self, unit_by_key: dict[str, Unit]) -> None:
        starts: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, unit in unit_by_key.items():
            if len(key) >= SHORTEST_KEY:
                starts[key[:2]].append((key, unit.id))
        for keys in starts.values():
            keys.sort(key=lambda item: -len(item[0]))  # the longest key at a place wins
        self.starts = dict(starts)
        self.keys_of: defaultdict[str, set[str]] = defaultdict(set)
        for key, unit in unit_by_key.items():
            self.keys_of[unit.id].add(key)
        # Names recur across folders ("คำรับรอง.pdf" under every unit): each is read once
        self.units_in = lru_cache(maxsize=1 << 14)(self._units_in)
        self.within = lru_cache(maxsize=1 << 12)(self._within)

    def _units_in(self, text: str) -> tuple[str, ...]:
        """The units the text names, longest name first, each once."""
        key = thai.name_key(text)
        found: list[tuple[int, int, str]] = []  # (start, end, unit)
        starts = self.starts
        for at in range(len(key) - SHORTEST_KEY + 1):
            for candidate, unit in starts.get(key[at : at + 2], ()):
                if key.startswith(candidate, at):
                    found.append((at, at + len(candidate), unit))
                    break
        if not found:
            return ()
        found.sort(key=lambda span: span[0] - span[1])  # longest first
        kept: list[tuple[int, int, str]] = []
        for start, end, unit in found:
            if not any(start >= a and end <= b for a, b, _ in kept):
                kept.append((start, end, unit))
        return tuple(dict.fromkeys(unit for _, _, unit in kept))

    def _within(self, inner: str, outer: str) -> bool:
        """Does a name of unit inner stand inside a name of unit outer? Then a name mentioning
        inner may only be outer's own ("จังหวัดสมุทรปราการ" in "สำนักงานจังหวัดสมุทรปราการ")."""
        return any(a in b for a in self.keys_of[inner] for b in self.keys_of[outer] if len(a) >= SHORTEST_KEY)
