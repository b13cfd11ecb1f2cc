"""Read one YAML file of a pack into plain data, with the line and column of every value.

Scalars stay strings (YAML 1.1 implicit typing would turn the id 1.10 into 1.1 and the BE date
2567-10-01 into a CE date); only the null forms become None. Pydantic then converts what a field
declares. Everything that can go wrong is raised as a located PackError, never a YAML traceback.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Location, PackError, Problem
from ..i18n import N_, _

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 5_000_000  # levels.yaml is a few dozen kB, a national units.yaml about 1 MB
MAX_VALUES = 200_000  # bounds alias expansion ("billion laughs")
MAX_DEPTH = 40  # a pack nests about 10 deep (levels, criteria, items); Python's own limit is far beyond
# What YAML does not allow in a file, and so not in a value either, though an escape ("\0",
# "\x07", "\ud800") can write it: a NUL breaks every path, the others break XML and the terminal.
# Kept as text and compiled when a file is parsed (about 5 ms: PyYAML's reader compiles the same
# pattern, so re's cache has it by then), not when a remembered pack is loaded.
_NOT_TEXT = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

PathKey = tuple[str | int, ...]


@dataclass
class YamlFile:
    """A YAML file's data and where each value came from (path inside the document → node)."""

    name: str  # as shown to the user, relative to the pack folder
    text: str
    data: Any
    nodes: dict[PathKey, yaml.Node] = field(default_factory=dict)
    key_nodes: dict[PathKey, yaml.Node] = field(default_factory=dict)

    def location(self, path: PathKey, *, at_key: bool = False) -> Location:
        """Where the value at path is (or its key, with at_key), walking up to a parent when needed."""
        shown = format_path(path)
        first, second = (self.key_nodes, self.nodes) if at_key else (self.nodes, self.key_nodes)
        for cut in range(len(path), -1, -1):
            node = first.get(path[:cut]) or second.get(path[:cut])
            if node is not None:
                mark = node.start_mark
                return Location(self.name, mark.line + 1, mark.column + 1, shown)
        return Location(self.name, None, None, shown)


def format_path(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path, name: str) -> YamlFile:
    return parse_yaml(read_text(path, name), name)


def parse_yaml(text: str, name: str) -> YamlFile:
    # PyYAML is imported here, not with this module: YamlFile alone (a remembered pack, see
    # packcache.py) needs none of it, and importing it costs about 10 ms of a check's start.
    import yaml

    if not text.strip():
        raise PackError([Problem(Location(name, 1, 1), _("ไฟล์ว่าง ควรมี YAML ของชุดเอกสาร"))])
    try:
        # Composes nodes only: no Python objects, no implicit types. libyaml's composer when PyYAML
        # has it (a national units.yaml is about a megabyte: 3 s instead of 10); its marks count
        # characters too, so rollover's text edits stay exact.
        root = yaml.compose(text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except yaml.MarkedYAMLError as error:
        raise PackError([_yaml_problem(error, text, name)]) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        message = _("ไฟล์มีอักขระควบคุม (รหัส {code}) ที่ YAML ไม่อนุญาต ให้ลบออก").format(code=f"0x{error.character:02x}")
        raise PackError([Problem(Location(name, line), message)]) from None
    except yaml.YAMLError as error:  # unmarked: rare, but still the user's file
        raise PackError([Problem(Location(name), _("ไม่ใช่ YAML ที่ถูกต้อง: {error}").format(error=error))]) from None
    except RecursionError:
        raise PackError([Problem(Location(name), _("YAML ซ้อนกันลึกเกินกว่าจะเป็นไฟล์ชุดเอกสาร"))]) from None
    if root is None:  # only comments
        raise PackError([Problem(Location(name, 1, 1), _("ไฟล์ว่าง ควรมี YAML ของชุดเอกสาร"))])
    result = YamlFile(name, text, None)
    builder = _Builder(result)
    try:
        result.data = builder.build(root, ())
    except RecursionError:  # MAX_DEPTH keeps far from it; this is the last guard
        raise PackError([Problem(Location(name), "the YAML is nested too deeply to be a pack file")]) from None
    if builder.problems:
        raise PackError(builder.problems)
    return result


def read_text(path: Path, name: str) -> str:
    """Only a regular file is opened: a named pipe, socket or device would block or never end.
    The open itself does not wait (O_NONBLOCK), in case one is swapped in after the check."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise _not_a_file(path, name)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(handle, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise _not_a_file(path, name)
            if status.st_size > MAX_FILE_BYTES:
                raise PackError(
                    [
                        Problem(
                            Location(name),
                            _("ไฟล์มีขนาด {size} ไบต์ ไฟล์ชุดเอกสารมีได้ไม่เกิน {limit}").format(
                                size=f"{status.st_size:,}", limit=f"{MAX_FILE_BYTES:,}"
                            ),
                        )
                    ]
                )
            raw = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PackError([Problem(Location(name), _("ไม่มีไฟล์นี้"))]) from None
    except IsADirectoryError:
        raise PackError([Problem(Location(name), _("นี่เป็นโฟลเดอร์ ที่นี่ต้องเป็นไฟล์ YAML"))]) from None
    except OSError as error:
        raise PackError([Problem(Location(name), _("อ่านไฟล์ไม่ได้: {reason}").format(reason=error.strerror))]) from None
    except ValueError:  # a NUL in the path
        raise PackError([Problem(Location(name), _("ชื่อไฟล์หรือโฟลเดอร์มีอักขระ NUL เปลี่ยนชื่อให้ถูกต้อง"))]) from None
    return decode_text(raw, name)


def _not_a_file(path: Path, name: str) -> PackError:
    if path.is_dir():
        return PackError([Problem(Location(name), _("นี่เป็นโฟลเดอร์ ที่นี่ต้องเป็นไฟล์ YAML"))])
    return PackError(
        [
            Problem(
                Location(name),
                _("ไม่ใช่ไฟล์ธรรมดา (เป็นไปป์ ซ็อกเก็ต หรืออุปกรณ์) จึงไม่ได้เปิดอ่าน วางไฟล์ YAML จริงไว้ที่นี่แทน"),
            )
        ]
    )


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 with or without BOM. Anything else gets a message that says how to convert it."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PackError([Problem(Location(name, 1, 1), _("ไฟล์บันทึกเป็น UTF-16 ('Unicode') ให้บันทึกเป็น UTF-8 แทน"))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PackError([Problem(Location(name, line), _not_utf8_message(raw, error))]) from None
    if "\x00" in text:
        raise PackError([Problem(Location(name, 1, 1), _("ไฟล์มีข้อมูลไบนารี ไม่ใช่ข้อความ YAML"))])
    return text


def _not_utf8_message(raw: bytes, error: UnicodeDecodeError) -> str:
    try:
        legacy = raw.decode("cp874")
    except UnicodeDecodeError:
        legacy = ""
    if any("\u0e01" <= ch <= "\u0e5b" for ch in legacy):
        return _(
            "ไฟล์บันทึกเป็นรหัสภาษาไทยของ Windows (Windows-874 / TIS-620) ไม่ใช่ UTF-8 "
            "แปลงไฟล์: ใน Notepad เลือก File > Save As > Encoding: UTF-8 "
            "หรือรัน: iconv -f CP874 -t UTF-8 old.yaml > new.yaml"
        )
    return _("ไฟล์ไม่ใช่ข้อความ UTF-8 (ไบต์ {byte}) ให้บันทึกเป็น UTF-8").format(byte=f"0x{raw[error.start]:02x}")


TAB_MESSAGE = N_("บรรทัดนี้ใช้แท็บในการย่อหน้า YAML ต้องใช้ช่องว่าง: ลบแท็บแล้วเว้นช่องว่าง {spaces} ช่องที่ต้นบรรทัด")


def _yaml_problem(error: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    from . import indentation  # only a file YAML cannot read needs it

    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Problem(Location(name), _("ไม่ใช่ YAML ที่ถูกต้อง: {error}").format(error=error.problem))
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    opened = _unclosed_quote(lines, mark.line)
    if opened is not None:  # reported where the quote opens, not where YAML gave up (often far below)
        number, column, quote = opened
        message = _("เครื่องหมายคำพูด {quote} ที่เปิดตรงนี้ไม่ได้ปิด: ใส่ {quote} ปิดท้ายข้อความในบรรทัดเดียวกัน").format(quote=quote)
        return Problem(Location(name, number + 1, column + 1), message)
    key = re.match(_KEY, line)
    tabbed = "\t" in line[: len(line) - len(line.lstrip())] or "\t" in line[mark.column : mark.column + 1]
    level = None if tabbed or not line.strip() else indentation.expected(lines, mark.line)
    if level is not None:  # out of line: say where it should stand, not to add quotes
        indent = len(line) - len(line.lstrip(" "))
        if level.key:
            out = _("บรรทัดนี้ย่อหน้า {indent} ช่อง ไม่ตรงกับบรรทัดข้างบน: ให้ย่อหน้า {spaces} ช่อง ตรงกับ {key} ในบรรทัด {line}")
        else:
            out = _("บรรทัดนี้ย่อหน้า {indent} ช่อง ไม่ตรงกับบรรทัดข้างบน: ให้ย่อหน้า {spaces} ช่อง ตรงกับบรรทัด {line}")
        message = out.format(indent=indent, spaces=level.indent, key=level.key, line=level.line + 1)
        return Problem(Location(name, mark.line + 1, 1), message)
    if "mapping values are not allowed" in (error.problem or "") and key:
        message = _("ข้อความของ {key} มี ': ' อยู่ข้างใน: ใส่ข้อความทั้งหมดในเครื่องหมายคำพูด เช่น {key}: \"…\"").format(
            key=key.group(1)
        )
    elif tabbed:
        message = _(TAB_MESSAGE).format(spaces=indentation.for_tab(lines, mark.line))
    else:
        problem = (error.problem or "").strip()
        context = f" ({error.context.strip()})" if error.context else ""
        known = next((words for start, words in _YAML_PROBLEMS if problem.startswith(start)), None)
        if known is not None:  # PyYAML's English in the clerk's words; its parser state says nothing to them
            problem, context = _(known), ""
        message = _("ไม่ใช่ YAML ที่ถูกต้อง: {problem}{context} ตรวจการย่อหน้าและเครื่องหมายคำพูดในบรรทัดนี้หรือบรรทัดก่อนหน้า").format(
            problem=problem, context=context
        )
    return Problem(Location(name, mark.line + 1, mark.column + 1), message)


# What PyYAML says (the start of its problem text), in words for a clerk.
_YAML_PROBLEMS = (
    ("did not find expected key", N_("ไม่พบคีย์ที่ควรอยู่ตรงนี้")),
    ("did not find expected '-' indicator", N_("ไม่พบ '- ' ของรายการที่ควรอยู่ตรงนี้")),
    ("could not find expected ':'", N_("ไม่พบ ':' หลังคีย์")),
    ("expected <block end>", N_("บรรทัดนี้ไม่เข้ากับบรรทัดข้างบน")),
    ("did not find expected node content", N_("ไม่พบค่าที่ควรอยู่ตรงนี้")),
    ("did not find expected ',' or ']'", N_("รายการในวงเล็บ [ ] ขาด ',' หรือ ']'")),
    ("did not find expected ',' or '}'", N_("ชุดค่าในวงเล็บปีกกาขาด ',' หรือวงเล็บปิด")),
    ("found undefined alias", N_("อ้างถึง *ชื่อ ที่ไม่มี &ชื่อ อยู่ก่อน")),
    ("found unexpected end of stream", N_("ไฟล์จบก่อนข้อความจะปิด")),
    ("found character that cannot start any token", N_("ค่าที่ขึ้นต้นด้วยเครื่องหมายนี้ต้องอยู่ในเครื่องหมายคำพูด")),
    ("mapping values are not allowed here", N_("มี ': ' ในที่ที่ไม่ควรมี")),
)


# Only a YAML error reads these: kept as text, compiled (and cached) by re when first used.
_KEY = r"\s*(?:-\s+)?([^\s:#'\"][^:#]*?):\s"
_QUOTED_VALUE = r"\s*(?:-\s+)?(?:[^\s:#'\"][^:#]*?:\s+)?([\"'])"


def _unclosed_quote(lines: list[str], last: int) -> tuple[int, int, str] | None:
    """(line, column, quote) of the first value up to line last that opens a quote and does not close
    it on its line. Pack files keep quoted texts on one line; a YAML error after one is that quote."""
    for number, line in enumerate(lines[: last + 1]):
        found = re.match(_QUOTED_VALUE, line)
        if not found:
            continue
        quote, rest = found.group(1), line[found.end() :]
        # A double quote closes at an unescaped ", a single one at a ' that is not doubled ('').
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else "'" in rest.replace("''", "")
        if not closed:
            return number, found.start(1), quote
    return None


_YAML_TAG = "tag:yaml.org,2002:"
# Explicit standard tags (!!str 1.10) are harmless: values stay text either way.
_PLAIN_TAGS = frozenset(_YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp"))


class _Builder:
    """Turns composed nodes into dicts, lists, strings and None, recording each node's path."""

    def __init__(self, target: YamlFile) -> None:
        self.target = target
        self.problems: list[Problem] = []
        self.values = 0
        self.too_deep = False
        self.not_text = re.compile(_NOT_TEXT)

    def problem(self, node: yaml.Node, message: str, path: PathKey) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(Location(self.target.name, mark.line + 1, mark.column + 1, format_path(path)), message)
        )

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            if self.values == MAX_VALUES + 1:
                self.problem(
                    node,
                    _("YAML ขยายออกเป็นค่ามากกว่า {limit} ค่า (ใช้ alias หรือไม่?)").format(limit=f"{MAX_VALUES:,}"),
                    path,
                )
            return None
        self.target.nodes.setdefault(path, node)
        if len(path) > MAX_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                self.problem(
                    node,
                    _("ค่าซ้อนกันลึกเกิน {depth} ชั้น ไฟล์ชุดเอกสารไม่ซ้อนลึกขนาดนี้ ตรวจวงเล็บและการย่อหน้า").format(depth=MAX_DEPTH),
                    path,
                )
            return None
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace(_YAML_TAG, "!!")
            self.problem(node, _("ไม่รองรับแท็ก YAML เช่น {tag} ให้เขียนเป็นค่าธรรมดา").format(tag=tag), path)
            return None
        if node.id == "scalar":  # yaml.ScalarNode; the node's kind, without importing PyYAML here
            bad = self.not_text.search(node.value)
            if bad is not None:
                code = f"U+{ord(bad.group()):04X}"
                self.problem(
                    node, _("ค่านี้มีอักขระควบคุม ({code}) ที่เขียนด้วย escape เช่น \\0 ลบอักขระนั้นออก").format(code=code), path
                )
                return None
            return None if not node.style and node.value in NULLS else node.value  # plain: None or ""
        if node.id == "sequence":
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.build_mapping(node, path)

    def build_mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                self.problem(key_node, _("คีย์ต้องเป็นคำธรรมดา ไม่ใช่รายการหรือชุด key: value"), path)
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:
                merged.update(self.merge_source(value_node, path))
                continue
            child = (*path, key)
            if key in result:
                first = self.target.key_nodes[child].start_mark.line + 1
                self.problem(
                    key_node, _("คีย์ '{key}' ปรากฏสองครั้งในชุดนี้ (ครั้งแรกที่บรรทัด {line})").format(key=key, line=first), child
                )
                continue
            self.target.key_nodes[child] = key_node
            result[key] = self.build(value_node, child)
        return {**merged, **result}

    def merge_source(self, node: yaml.Node, path: PathKey) -> dict[str, Any]:
        sources = node.value if node.id == "sequence" else [node]
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            value = self.build(source, path)
            if not isinstance(value, dict):
                self.problem(source, _("'<<' ต้องอ้างถึงชุด key: value (&anchor ของบรรทัด key: value)"), path)
                continue
            merged.update(value)
        return merged
