"""What each file's content said at the last check of a big tree, so the next one need not read it.

A national check opens and reads the first kilobyte of 394,412 files; after the caches are emptied
those reads cost more than everything else (benchmarks/). A file whose inode, size, modification
and change times are all as they were holds what it held: its verdict (sound, empty, or another
kind of content) is taken from here after one `stat`, without opening it. The change time (ctime)
moves on every write, rename and `touch`, and no program can set it back, so a file replaced or
rewritten under an old date is read again. A file changed within the last seconds is not
remembered: a second change in the same tick of the file system's clock would leave its times as
they were.

One file per evidence folder, in the user's cache folder (ITAPACK_CACHE_DIR moves it; ITAPACK_NO_CACHE=1
turns it off): one block of records per folder of the evidence folder (the subtrees the workers
share), each read by whoever scans that subtree, each written by the parent as it arrives. Used
only for a big tree on Linux and macOS (Windows' directory listing has no inode numbers); when the
file cannot be read or written the check reads every file, as it would without it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
import zlib
from array import array
from pathlib import Path

from .. import __version__
from ..userdirs import cache_folder
from . import scan, sniff
from .scan import ScannedFile

FOLDER = "content"
MAGIC = b"itapack-content\n"
_FOOTER = 16  # the index's offset and length, 8 bytes each
SETTLE_NS = 2_000_000_000  # younger than this, a file's times may not yet show its last change
# What sniff.looks_like() calls content that does not match its extension; a record holds the
# position here (after "sound" and "empty"), so a name it does not know is simply not remembered.
CONTENT = ("html", "exe", "program", "jpg", "png", "gif", "tiff", "zip", "ole", "pdf", "unknown", "text")
_SOUND, _EMPTY = 0, 1
_FIELDS = 5  # inode, size, mtime_ns, ctime_ns, verdict


def rules() -> str | None:
    """What a verdict depends on: itapack's version and the source of the two modules that decide
    it, so a changed rule never meets a verdict reached under the old one. None without the source."""
    digest = 0
    for module in (scan, sniff):
        try:
            digest = zlib.crc32(Path(module.__file__ or "").read_bytes(), digest)
        except OSError:
            return None
    return f"{__version__}-{digest:08x}-{sys.byteorder}"


class Remembered:
    """The verdicts of one subtree: those of the last check, and those of this one so far."""

    __slots__ = ("device", "known", "records", "settled")

    def __init__(self, known: dict[int, tuple[int, ...]], device: int, settled: int) -> None:
        self.known = known  # inode → (size, mtime_ns, ctime_ns, verdict)
        self.device = device
        self.settled = settled  # files changed after this (ns since the epoch) are not remembered
        self.records = array("q")

    def read(self, entry: os.DirEntry[str], name: str, shown: str, handle: int | None, os_path: str) -> ScannedFile:
        """scan.read_file(), or what it said last time about this very file."""
        status = entry.stat(follow_symlinks=False)
        inode, size, modified, changed = status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns
        known = self.known.get(inode)
        if (
            known is not None
            and known[0] == size
            and known[1] == modified
            and known[2] == changed
            and status.st_dev == self.device
        ):
            verdict = known[3]
            if verdict == _SOUND:
                found = ScannedFile(shown, size)
            elif verdict == _EMPTY:
                found = ScannedFile(shown, 0, "empty")
            else:
                found = ScannedFile(shown, size, "content", CONTENT[verdict - 2])
        else:
            found = scan.read_file(name, shown, handle, os_path)
            verdict = _verdict(found)
            if verdict is None or status.st_dev != self.device or max(modified, changed) > self.settled:
                return found
        self.records.extend((inode, size, modified, changed, verdict))
        return found

    def block(self) -> bytes:
        return self.records.tobytes()


def _verdict(found: ScannedFile) -> int | None:
    if found.flaw is None:
        return _SOUND
    if found.flaw == "empty":
        return _EMPTY
    if found.flaw == "content" and found.detail in CONTENT:
        return CONTENT.index(found.detail) + 2
    return None  # unreadable, too long: worth trying again


class ContentCache:
    """Opened by the parent before any worker is forked; read by every process, written by the parent."""

    def __init__(self, device: int, path: Path, rules: str) -> None:
        self.path = path
        self.device = device
        self.settled = time.time_ns() - SETTLE_NS
        self.rules = rules
        self.blocks: dict[str, tuple[int, int, int]] = {}  # subtree → offset, length, crc32 (old file)
        self.old: int | None = None  # the old file, open for reading its blocks
        self.new: tuple[int, str] | None = None  # the new file as it is written, and its temporary name
        self.written: dict[str, tuple[int, int, int]] = {}
        self.offset = 0
        self._open_old()
        self._start_new()

    @classmethod
    def open(cls, evidence: str) -> ContentCache | None:
        """None where it cannot help or was turned off."""
        if os.name != "posix" or os.environ.get("ITAPACK_NO_CACHE", "").strip() not in ("", "0"):
            return None
        decided_by = rules()
        if decided_by is None:  # no source to compare (a frozen build): remember nothing
            return None
        try:
            device = os.stat(evidence).st_dev
        except OSError:
            return None
        # Named after the evidence folder only to keep packs apart: a verdict belongs to an inode and
        # its times, wherever the file is, so two folders that met in one name would only miss.
        name = f"{zlib.crc32(os.fsencode(evidence)):08x}-{len(evidence)}.bin"
        return cls(device, cache_folder() / FOLDER / name, decided_by)

    def _open_old(self) -> None:
        """The index of the last check's file; any doubt about it, and it is as if there were none."""
        try:
            handle = os.open(self.path, os.O_RDONLY)
        except OSError:
            return
        try:
            end = os.fstat(handle).st_size
            footer = os.pread(handle, _FOOTER, end - _FOOTER) if end >= len(MAGIC) + _FOOTER else b""
            if len(footer) != _FOOTER or os.pread(handle, len(MAGIC), 0) != MAGIC:
                raise ValueError
            at, length = int.from_bytes(footer[:8], "little"), int.from_bytes(footer[8:], "little")
            if at + length + _FOOTER != end:
                raise ValueError
            index = json.loads(os.pread(handle, length, at))
            if index.get("rules") != self.rules or index.get("device") != self.device:
                raise ValueError
            self.blocks = {name: (int(o), int(n), int(c)) for name, (o, n, c) in index["blocks"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            os.close(handle)
            return
        self.old = handle

    def _start_new(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".part")
        except OSError:
            return  # a read-only home: remember nothing this time
        self.new = (handle, temporary)
        self._append(MAGIC)

    def subtree(self, name: str) -> Remembered:
        """The last check's verdicts for one folder of the evidence folder (its path, relative)."""
        return Remembered(self._known(name), self.device, self.settled)

    def _known(self, name: str) -> dict[int, tuple[int, ...]]:
        where = self.blocks.get(name)
        if where is None or self.old is None:
            return {}
        offset, length, crc = where
        try:
            data = os.pread(self.old, length, offset)
        except OSError:
            return {}
        if len(data) != length or zlib.crc32(data) != crc or length % (8 * _FIELDS):
            return {}
        records = array("q")
        records.frombytes(data)
        fields = [iter(records)] * _FIELDS  # inode, size, mtime_ns, ctime_ns, verdict: one record
        return {record[0]: record[1:] for record in zip(*fields, strict=True)}

    def keep(self, name: str, block: bytes) -> None:
        """This check's verdicts for one subtree, written as they arrive."""
        if self.new is not None and block:
            offset = self.offset
            if self._append(block):
                self.written[name] = (offset, len(block), zlib.crc32(block))

    def _append(self, data: bytes) -> bool:
        assert self.new is not None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.new[0], view) :]
        except OSError:
            self.discard()
            return False
        self.offset += len(data)
        return True

    def save(self) -> None:
        """The new file takes the old one's place: whole, or not at all."""
        if self.new is None:
            return self.close()
        index = json.dumps({"rules": self.rules, "device": self.device, "blocks": self.written}).encode()
        at = self.offset
        if self._append(index) and self._append(at.to_bytes(8, "little") + len(index).to_bytes(8, "little")):
            handle, temporary = self.new
            self.new = None
            try:
                os.close(handle)
                os.replace(temporary, self.path)
            except OSError:
                Path(temporary).unlink(missing_ok=True)
        self.close()

    def discard(self) -> None:
        """What was written this time goes; the old file stays."""
        if self.new is not None:
            handle, temporary = self.new
            self.new = None
            with contextlib.suppress(OSError):
                os.close(handle)
            Path(temporary).unlink(missing_ok=True)

    def close(self) -> None:
        self.discard()
        if self.old is not None:
            with contextlib.suppress(OSError):
                os.close(self.old)
            self.old = None
