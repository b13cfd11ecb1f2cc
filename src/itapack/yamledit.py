"""Change values in a pack file's text, keeping its comments, order and layout.

Edits are made at the character spans PyYAML reports for each node; whoever edits re-parses the
result and checks it holds exactly the intended data (rollover does). Flow collections ({...},
[...]) only ever get values replaced in place, never lines added, since a comment or a new line
inside them would change their meaning.
"""

from __future__ import annotations

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
    return Edit(node.start_mark.index, node.end_mark.index, scalar(value))


def substitute(source: YamlFile, path: PathKey, new_value: str) -> Edit:
    """Replace a scalar's value. A block scalar (| or >) keeps its form: only the changed
    words are replaced in its text, where no character is special."""
    node = source.nodes[path]
    if node.style in ("|", ">"):
        raw = source.text[node.start_mark.index : node.end_mark.index]
        old_words, new_words = _changed_span(node.value, new_value)
        if old_words and raw.count(old_words) == 1:
            return Edit(node.start_mark.index, node.end_mark.index, raw.replace(old_words, new_words))
    return replace_value(source, path, new_value)


def _changed_span(old: str, new: str) -> tuple[str, str]:
    """The smallest differing middle of two strings (old part, new part)."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]


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
