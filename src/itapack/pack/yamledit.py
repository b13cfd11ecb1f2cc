"""Change values in a pack file's text, keeping its comments, order and layout.

Edits are made at the character spans PyYAML reports for each node; whoever edits re-parses the
result and checks it holds exactly the intended data (rollover does). Flow collections ({...},
[...]) only ever get values replaced in place, never lines added, since a comment or a new line
inside them would change their meaning.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from itertools import pairwise

import yaml

from .yamlfile import NULLS, PathKey, YamlFile

_PLAIN_SAFE = re.compile(r"[\w\u0e00-\u0e7f][\w\u0e00-\u0e7f .()/-]*", re.UNICODE)


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def apply(text: str, edits: list[Edit]) -> str:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise ValueError(f"overlapping edits at {before.start} and {after.start}")
    for edit in reversed(ordered):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def scalar(value: str | None) -> str:
    """A YAML scalar that reads back as exactly value: plain where that is safe, else double-quoted."""
    if value is None:
        return "~"
    if _PLAIN_SAFE.fullmatch(value) and value not in NULLS and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def in_flow(source: YamlFile, path: PathKey) -> bool:
    for cut in range(len(path) - 1, -1, -1):
        node = source.nodes.get(path[:cut])
        if isinstance(node, yaml.CollectionNode) and node.flow_style:
            return True
    return False


def replace_value(source: YamlFile, path: PathKey, value: str | None) -> Edit:
    node = source.nodes[path]
    start, end = node.start_mark.index, node.end_mark.index
    # A block scalar's span takes in its last line break: keep it, or the next line joins this one.
    ending = "\n" if node.style in ("|", ">") and source.text[start:end].endswith("\n") else ""
    return Edit(start, end, scalar(value) + ending)


def substitute(source: YamlFile, path: PathKey, new_value: str) -> Edit:
    """Replace a scalar's value. A block scalar (| or >) keeps its form: each changed word is
    replaced where it stands in its text (its lines may be folded, so the value's spaces are not
    the text's), and the result is read back to be sure; otherwise it becomes a quoted scalar."""
    node = source.nodes[path]
    if node.style in ("|", ">"):
        raw = source.text[node.start_mark.index : node.end_mark.index]
        edited = _replace_words(raw, node.value, new_value)
        if edited is not None and _block_value(edited) == new_value:
            return Edit(node.start_mark.index, node.end_mark.index, edited)
    return replace_value(source, path, new_value)


def _replace_words(raw: str, old: str, new: str) -> str | None:
    """raw with each changed run of old replaced by its counterpart in new, left to right.
    None when a changed run holds a space or line break, which folding may have moved."""
    at = raw.find("\n") + 1  # after the header line (>-, |+2, ...)
    pieces = [raw[:at]]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        words = old[i1:i2]
        if not words or any(ch.isspace() for ch in words):
            return None
        found = raw.find(words, at)
        if found < 0:
            return None
        pieces += [raw[at:found], new[j1:j2]]
        at = found + len(words)
    pieces.append(raw[at:])
    return "".join(pieces)


def _block_value(block: str) -> str | None:
    """What a block scalar's text reads as, on its own."""
    try:
        node = yaml.compose("value: " + block, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return None
    value = node.value[0][1]
    return value.value if isinstance(value, yaml.ScalarNode) else None


def comment_after(source: YamlFile, path: PathKey, comment: str) -> Edit | None:
    """A comment at the end of the value's line, when the value ends its line in block context."""
    node = source.nodes[path]
    if in_flow(source, path) or node.style in ("|", ">"):
        return None
    end = node.end_mark.index
    line_end = source.text.find("\n", end)
    line_end = len(source.text) if line_end < 0 else line_end
    if source.text[end:line_end].strip():
        return None
    return Edit(end, end, f"  # {comment}")


def insert_after(source: YamlFile, path: PathKey, key: str, value: str | None) -> Edit | None:
    """A new `key: value` line in the block mapping that holds path, right after path's entry."""
    parent = path[:-1]
    key_node = source.key_nodes.get(path)
    if key_node is None or in_flow(source, path) or isinstance(source.nodes.get(parent), yaml.SequenceNode):
        return None
    node = source.nodes[path]
    if isinstance(node, yaml.CollectionNode):
        return None
    end = node.end_mark.index
    at = end if node.end_mark.column == 0 else source.text.find("\n", end) + 1
    if at <= 0:  # the last line had no newline
        return Edit(len(source.text), len(source.text), f"\n{' ' * key_node.start_mark.column}{key}: {scalar(value)}\n")
    return Edit(at, at, f"{' ' * key_node.start_mark.column}{key}: {scalar(value)}\n")


def remove_entry(source: YamlFile, path: PathKey) -> Edit | None:
    """Remove `key: value` from a block mapping, whole lines only."""
    key_node = source.key_nodes.get(path)
    if key_node is None or in_flow(source, path):
        return None
    node = source.nodes[path]
    start = source.text.rfind("\n", 0, key_node.start_mark.index) + 1
    end = node.end_mark.index
    if node.end_mark.column != 0:
        newline = source.text.find("\n", end)
        end = len(source.text) if newline < 0 else newline + 1
    return Edit(start, end, "")


def append(source: YamlFile, block: str) -> Edit:
    text = source.text
    separator = "" if not text or text.endswith("\n") else "\n"
    return Edit(len(text), len(text), separator + block)


def comments(text: str) -> list[tuple[int, str]]:
    """(line number, comment text) for each comment, found outside quotes. For warnings only."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        quote = None
        for index, char in enumerate(line):
            if quote:
                if char == quote:
                    quote = None
            elif char in "'\"" and (index == 0 or line[index - 1] in " \t:[{,-"):
                quote = char
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                found.append((number, line[index + 1 :].strip()))
                break
    return found
