"""Which line of a YAML file is out of line, and how far it should be indented: advice that fixes
an indentation mistake (PyYAML only says "did not find expected key", and a key indented too far
under a value reads to it as text holding ': ').

The lines above the mistake are read for their levels: every key or list item opens a level at
its own indentation, a key ending in ':' (or a list item) lets the next line go deeper, and the
lines of a block text (| or >) are passed over. A line is out of line when its indentation is
none of the open levels and the line above does not open a deeper one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK_TEXT = re.compile(r".*:\s*[|>][-+0-9]*\s*(#.*)?$")  # "text: >-": the lines below are text
_OPENS = re.compile(r".*:\s*(#.*)?$|\s*-\s*(#.*)?$")  # "documents:" or a bare "-": a deeper level follows
_KEY = re.compile(r"(?:-\s+)*([^\s:#'\"][^:#]*?):(?:\s|$)")


@dataclass(frozen=True)
class Level:
    indent: int
    line: int  # 0-based, the last line seen at this level
    key: str  # its key, or "" for a list item without one


def levels_before(lines: list[str], end: int) -> tuple[list[Level], int | None]:
    """The open levels above line end, innermost last, and the line just above it (None: none)."""
    levels: list[Level] = []
    above: int | None = None
    text_under: int | None = None  # inside a block text: lines deeper than this are its text
    for number, line in enumerate(lines[:end]):
        stripped = line.lstrip(" ")
        if not stripped.strip() or stripped.startswith("#") or stripped.startswith("\t"):
            continue
        indent = len(line) - len(stripped)
        if text_under is not None and indent > text_under:
            continue
        text_under = indent if _BLOCK_TEXT.match(line) else None
        while levels and levels[-1].indent >= indent:
            levels.pop()
        key = _KEY.match(stripped)
        levels.append(Level(indent, number, key.group(1).strip() if key else ""))
        item = re.match(r"(-\s+)+", stripped)  # "- id: 1.1": the item's keys stand after the dash
        if item and key:
            levels.append(Level(indent + item.end(), number, key.group(1).strip()))
        above = number
    return levels, above


def expected(lines: list[str], number: int) -> Level | None:
    """The level line number should stand at, when it is out of line; else None. A line may go
    deeper only under a line that opens a level; otherwise it stands with the open level nearest
    its own indentation (the inner one when two are as near)."""
    levels, above = levels_before(lines, number)
    line = lines[number]
    indent = len(line) - len(line.lstrip(" "))
    if above is None:
        return Level(0, number, "") if indent else None
    if _OPENS.match(lines[above]) and indent > levels[-1].indent:
        return None  # the first line of a deeper level: any depth will do
    if any(level.indent == indent for level in levels):
        return None
    return min(reversed(levels), key=lambda level: abs(level.indent - indent))


def for_tab(lines: list[str], number: int) -> int:
    """Spaces a line indented with tabs should start with, read from the lines above: a level
    deeper than a line that opens one, else beside the line above."""
    levels, above = levels_before(lines, number)
    if above is None:
        return 0
    if _OPENS.match(lines[above]):
        return levels[-1].indent + 2
    return levels[-1].indent
