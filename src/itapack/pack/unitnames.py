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
# A name one letter off is read as a typo only for keys this long: in shorter ones one letter is
# too much of the name to say which unit was meant.
NEAR_KEY = 6


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
        # For near(): each long key by its two halves; one letter off leaves one of them whole.
        self.halves: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, unit in unit_by_key.items():
            if len(key) >= NEAR_KEY:
                half = len(key) // 2
                self.halves[key[:half]].append((key, unit.id))
                self.halves[key[half:]].append((key, unit.id))
        # Names recur across folders ("คำรับรอง.pdf" under every unit): each is read once
        self.units_in = lru_cache(maxsize=1 << 14)(self._units_in)
        self.within = lru_cache(maxsize=1 << 12)(self._within)

    def _units_in(self, text: str) -> tuple[str, ...]:
        """The units the text names, longest name first, each once."""
        return tuple(dict.fromkeys(unit for _, _, unit in self._spans(thai.name_key(text))))

    def near(self, text: str) -> tuple[str, ...]:
        """Units the text seems to name with one letter off (added, dropped or changed): a typo,
        or a unit whose name holds a shorter unit's name ("ทต.แพรกษาใหม" is not ทต.แพรกษา plus
        noise; it is เทศบาลเมืองแพรกษาใหม่ less a tone mark). A unit the text names exactly, or
        one whose near match lies inside an exact name ("บตบางบ่อ" in "อบต.บางบ่อ" is not
        ทต.บางบ่อ), is not near. Only halves found in the text are tried, so a long roster costs
        little."""
        key = thai.name_key(text)
        spans = self._spans(key)
        named = {unit for _, _, unit in spans}
        near: list[str] = []
        for half, keys in self.halves.items():
            if half not in key:
                continue
            for candidate, unit in keys:
                if unit in named or unit in near or candidate in key:
                    continue
                for start, end in _one_off(candidate, key, half):
                    if not any(a <= start and end <= b for a, b, _ in spans):
                        near.append(unit)
                        break
        return tuple(near)

    def _spans(self, key: str) -> list[tuple[int, int, str]]:
        """(start, end, unit) of each unit name in key, none inside a longer one."""
        found: list[tuple[int, int, str]] = []  # (start, end, unit)
        starts = self.starts
        for at in range(len(key) - SHORTEST_KEY + 1):
            for candidate, unit in starts.get(key[at : at + 2], ()):
                if key.startswith(candidate, at):
                    found.append((at, at + len(candidate), unit))
                    break
        found.sort(key=lambda span: span[0] - span[1])  # longest first
        kept: list[tuple[int, int, str]] = []
        for start, end, unit in found:
            if not any(start >= a and end <= b for a, b, _ in kept):
                kept.append((start, end, unit))
        return kept

    def _within(self, inner: str, outer: str) -> bool:
        """Does a name of unit inner stand inside a name of unit outer? Then a name mentioning
        inner may only be outer's own ("จังหวัดสมุทรปราการ" in "สำนักงานจังหวัดสมุทรปราการ")."""
        return any(a in b for a in self.keys_of[inner] for b in self.keys_of[outer] if len(a) >= SHORTEST_KEY)


def _one_off(name: str, text: str, half: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of text one edit from name, anchored where half (a half of
    name) stands whole in text."""
    stretches = []
    head = name.startswith(half)
    at = text.find(half)
    while at >= 0:
        for length in (len(name) - 1, len(name), len(name) + 1):
            start = at if head else at + len(half) - length
            if start >= 0 and start + length <= len(text) and _one_edit(name, text[start : start + length]):
                stretches.append((start, start + length))
        at = text.find(half, at + 1)
    return stretches


def _one_edit(a: str, b: str) -> bool:
    """Exactly one letter added, dropped or changed turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]
