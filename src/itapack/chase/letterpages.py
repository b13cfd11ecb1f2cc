"""Where a letter's pages end, decided before Word or LibreOffice lays it out.

ระเบียบงานสารบรรณ: a letter longer than one page carries, at the foot of each page but the last, the
words the next page starts with ("/๑๓. ข้อ ๑.๑๓..."), and the next page its number on top. Word has
no field for "the first words of the next page", so itapack turns each page itself: it measures every
paragraph with the Thai font the letter is set in (HarfBuzz, as the binder does) and starts a new page
before the first part that would not fit. The estimate leans long (a line is taken as a little shorter
than it is), so a page never overflows before its own foot line: at worst a page ends a line early.
A spare line kept on every page as well once sent the close and signature of a four-item letter to a
page of their own, half of page 1 empty.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

CM_PT = 72 / 2.54
FILL = 0.95  # of a line's width a line is taken to fill: the font Word or LibreOffice sets may run wider
SPARE_LINES = 0  # FILL already leans long; a spare line on top split letters that fit on one page
FALLBACK_EM = 0.55  # a spacing character's width when no Thai font is found: wider than Sarabun's


@functools.cache
def _shaper() -> tuple[Any, int] | None:
    """HarfBuzz and the font's units per em; None when this machine has no Thai font."""
    from ..handin.binder import find_fonts

    try:
        path = find_fonts().regular
    except InputError:
        return None
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(path)))
    return hb.Font(face), face.upem


def width_em(text: str) -> float:
    """The text's advance in ems of the font the letter is printed in."""
    shaper = _shaper()
    if not text:
        return 0.0
    if shaper is None:
        return FALLBACK_EM * sum(1 for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Mn")
    import uharfbuzz as hb

    font, upem = shaper
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    return sum(position.x_advance for position in buffer.glyph_positions) / upem


@dataclass(frozen=True)
class Frame:
    """The printed area: the text's width, and how tall the first and the later pages are."""

    width_pt: float
    first_pt: float
    next_pt: float
    line_pt: float

    def lines(self, text: str, *, size: float, left_cm: float = 0, first_cm: float = 0) -> int:
        """How many lines the paragraph takes, leaning long: filled a word at a time, breaking where
        the printed letter can (at spaces and at the Thai word boundaries the DOCX marks)."""
        first = (self.width_pt - (left_cm + first_cm) * CM_PT) * FILL
        rest = (self.width_pt - left_cm * CM_PT) * FILL
        if width_em(text) * size <= first:
            return 1
        count, room, used = 1, first, 0.0
        for word in _words(text):
            width = width_em(word) * size
            if used and used + width > room:
                count, room, used = count + 1, rest, 0.0
            if width > room:  # wider than a line: broken wherever it must be
                extra = math.ceil((width - room) / rest)
                count, room, used = count + extra, rest, width - room - (extra - 1) * rest
                continue
            used += width
        return count


def _words(text: str) -> list[str]:
    """The text in the pieces a line may break between; a space stays with the word before it."""
    from ..outputs import thaiwords

    return [piece for part in re.split(r"(?<= )", text) if part for piece in thaiwords.pieces(part)]


class Pager:
    """Counts what is on the page so far; says when the next part must start a new one."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.used = 0.0
        self.room = frame.first_pt - SPARE_LINES * frame.line_pt

    def add(self, height: float) -> None:
        self.used += height

    def fits(self, height: float) -> bool:
        """The foot line that says what follows sits in the footer, below the text: no room to keep."""
        return self.used + height <= self.room

    def turn(self) -> None:
        self.used = 0.0
        self.room = self.frame.next_pt - SPARE_LINES * self.frame.line_pt


def continued(words: str) -> str:
    """The foot line: a slash, the next page's first words, three dots."""
    return f"/{words}..."
