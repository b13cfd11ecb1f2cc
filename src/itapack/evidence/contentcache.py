"""What an evidence tree held at the last check, so the next one need not read or place it all again.

Two things are kept, for each folder of the evidence folder (the subtrees the workers share):

- Each file's content verdict (sound, empty, broken, or another kind of content). A national check opens
  and reads the first kilobyte of 394,412 files; after the caches are emptied those reads cost more
  than everything else (benchmarks/). A file whose inode, size, modification and change times are
  all as they were holds what it held: its verdict is taken from here after one `stat`. The change
  time (ctime) moves on every write, rename, chmod and `touch`, and no program can set it back, so
  a file replaced or rewritten under an old date is read again.
- The subtree's placement, as the worker sent it, with the digest of a walk of the subtree: every
  name in listing order, every file's mode, inode, size and times (walk()).
  A worker walks the subtree first; when the digest is the one kept, the placement is sent as it
  was, without reading or matching a file. It also depends on the pack's files, where the pack is,
  who runs the check, and the code that places (placing()); any change there, and every subtree is
  placed again. A subtree with a link (it may lead into another subtree) or an unreadable folder
  is always placed afresh.

Nothing changed in the last two seconds is kept: a second change in the same tick of the file
system's clock would leave the times as they were. One file per evidence folder, in the user's
cache folder (ITAPACK_CACHE_DIR moves it; ITAPACK_NO_CACHE=1 turns it off); each subtree's blocks
are read by whoever handles that subtree and written by the parent as they arrive, so no process
holds the whole file. Used for every tree on Linux and macOS, a small one in one process
(Windows' directory listing has no inode numbers). When the file is spoiled or cannot be read or
written, the check reads and places everything, as it would without it: the result is the same
either way (tests/evidence).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
import tempfile
import time
import zlib
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .. import __version__
from ..userdirs import cache_folder
from . import opens, reading, sniff
from .reading import ScannedFile

if TYPE_CHECKING:
    from ..pack.folder import Pack

FOLDER = "content"
MAGIC = b"itapack-content 2\n"  # 2: a verdict of its own for a broken file (opens.py)
_FOOTER = 16  # the index's offset and length, 8 bytes each
SETTLE_NS = 2_000_000_000  # younger than this, a file's times may not yet show its last change
# What sniff.looks_like() calls content that does not match its extension; a record holds the
# position here (after "sound", "empty" and "broken"), so a name it does not know is simply not remembered.
CONTENT = ("html", "exe", "program", "jpg", "png", "gif", "tiff", "zip", "ole", "pdf", "unknown", "text")
_SOUND, _EMPTY, _BROKEN = 0, 1, 2
_KINDS = 3  # verdicts before the kinds of CONTENT
_FIELDS = 5  # inode, size, mtime_ns, ctime_ns, verdict


class Block(NamedTuple):
    offset: int
    length: int
    crc: int


def placing(pack: Pack, evidence: str) -> str | None:
    """What a subtree's placement depends on besides the subtree itself: the pack's files, where
    the pack and its evidence folder are (links, paths too long), who reads them (permissions),
    and the code that places (every module of the pack and evidence stages, and Python's marshal
    format). Any change, and every subtree is placed again. None without the source."""
    here = Path(__file__).parent
    code = _source([*sorted(here.glob("*.py")), *sorted((here.parent / "pack").glob("*.py"))])
    if code is None:
        return None
    digest = hashlib.blake2b(code.encode(), digest_size=16)
    for name, file in sorted(pack.files.items()):
        digest.update(f"{name}\0{file.text}\0".encode("utf-8", "surrogatepass"))
    digest.update(os.fsencode(f"{os.path.realpath(pack.root)}\0{evidence}\0{_reader()}\0{sys.version}\0"))
    return f"{__version__}-{digest.hexdigest()}"


def _reader() -> int:
    """Who reads the tree (permissions decide what is read): the effective user on POSIX. Windows has
    no user ids, and the cache folder is the user's own there."""
    return os.geteuid() if hasattr(os, "geteuid") else -1


def rules() -> str | None:
    """What a verdict depends on: itapack's version and the source of the modules that decide it,
    so a changed rule never meets a verdict reached under the old one. None without the source."""
    code = _source([Path(module.__file__ or "") for module in (reading, sniff, opens)])
    return None if code is None else f"{__version__}-{code}-{sys.byteorder}"


def _source(files: list[Path]) -> str | None:
    """The digest of these source files; None when there are none or one cannot be read (a frozen
    build): then nothing is remembered, as a changed rule could not be told from an old one."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        for file in files:
            digest.update(file.read_bytes())
    except OSError:
        return None
    return digest.hexdigest() if files else None


def walk(os_path: str) -> Walked | None:
    """The digest of everything in a subtree a placement depends on: every name in listing order,
    each file's mode, inode, size and times; with the newest time seen and the counts for the
    progress line. None when the subtree holds a link (it may lead into another subtree) or a
    folder that cannot be read: such a subtree is always placed afresh.

    A folder's own times add nothing: what changes in a folder shows in its names or in its files'
    times. Each folder's record is marshalled (version 2 has no back-references, so equal records
    give equal bytes) rather than formatted: formatting five numbers a file cost a third of a
    national walk. Each folder is opened from its parent's handle, and each file asked about
    from its folder's: no path is looked up from the root again (a national walk: 3.6 s → 3.35 s
    in one process), and no path is too long to walk."""
    try:
        handle = os.open(os_path, _FOLDER)
    except OSError:
        return None
    walking = _Walk()
    try:
        if not walking.folder(handle, os_path, 0):
            return None
    finally:
        os.close(handle)
    return Walked(walking.digest.hexdigest(), walking.newest, walking.folders, walking.files)


_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
DEEPEST = 64  # folders below a subtree: deeper than any evidence tree; beyond it, the subtree is placed afresh


class _Walk:
    """What a walk has found so far: the digest, the newest time, the folders and files counted."""

    def __init__(self) -> None:
        self.digest = hashlib.blake2b(digest_size=16)
        self.newest = self.folders = self.files = 0

    def folder(self, handle: int, path: str, depth: int) -> bool:
        """One folder's record into the digest, then its subfolders', depth first in listing
        order. False when the subtree cannot be walked (a link, a folder not read, too deep)."""
        record: list[object] = [path]
        below = []
        newest, files = self.newest, 0
        try:
            with os.scandir(handle) as entries:
                for entry in entries:
                    if not entry.is_file(follow_symlinks=False):  # the few: a folder, a link, a FIFO …
                        if entry.is_symlink():
                            return False
                        if entry.is_dir(follow_symlinks=False):
                            below.append(entry.name)
                            record.append(entry.name)
                            continue
                    found = entry.stat(follow_symlinks=False)
                    modified, changed = found.st_mtime_ns, found.st_ctime_ns
                    record.append((entry.name, found.st_mode, found.st_ino, found.st_size, modified, changed))
                    newest = max(newest, modified, changed)
                    files += 1
        except OSError:
            return False
        self.digest.update(marshal.dumps(record, 2))
        self.newest = newest
        self.folders += 1
        self.files += files
        if below and depth >= DEEPEST:
            return False
        for name in below:
            try:
                child = os.open(name, _FOLDER, dir_fd=handle)
            except OSError:
                return False
            try:
                if not self.folder(child, f"{path}/{name}", depth + 1):
                    return False
            finally:
                os.close(child)
        return True


class Walked(NamedTuple):
    digest: str
    newest: int  # ns since the epoch: the latest modification or change in the subtree
    folders: int
    files: int


class Remembered:
    """The verdicts of one subtree: those of the last check, and those of this one so far."""

    __slots__ = ("device", "known", "records", "settled")

    def __init__(self, known: dict[int, tuple[int, ...]], device: int, settled: int) -> None:
        self.known = known  # inode → (size, mtime_ns, ctime_ns, verdict)
        self.device = device
        self.settled = settled  # files changed after this (ns since the epoch) are not remembered
        self.records = array("q")

    def read(self, entry: os.DirEntry[str], name: str, shown: str, handle: int | None, os_path: str) -> ScannedFile:
        """reading.read_file(), or what it said last time about this very file."""
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
            elif verdict == _BROKEN:
                found = ScannedFile(shown, size, "broken")
            else:
                found = ScannedFile(shown, size, "content", CONTENT[verdict - _KINDS])
        else:
            found = reading.read_file(name, shown, handle, os_path)
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
    if found.flaw == "broken":
        return _BROKEN
    if found.flaw == "content" and found.detail in CONTENT:
        return CONTENT.index(found.detail) + _KINDS
    return None  # unreadable, too long: worth trying again


class ContentCache:
    """Opened by the parent before any worker is forked; read by every process, written by the parent."""

    def __init__(self, device: int, path: Path, rules: str, placing: str) -> None:
        self.path = path
        self.device = device
        self.settled = time.time_ns() - SETTLE_NS
        self.rules = rules
        self.placing = placing  # what a subtree's placement depends on besides the subtree: see placing()
        self.blocks: dict[str, Block] = {}  # subtree → its verdicts in the old file
        self.placed: dict[str, tuple[str, Block]] = {}  # subtree → (its walk's digest, its placement)
        self.old: int | None = None  # the old file, open for reading its blocks
        self.new: tuple[int, str] | None = None  # the new file as it is written, and its temporary name
        self.written: dict[str, Block] = {}
        self.written_placed: dict[str, tuple[str, Block]] = {}
        self.offset = 0
        self._open_old()
        self._start_new()

    walk = staticmethod(walk)  # so that parallel.py, which imports this module only for a big tree, reaches it

    @classmethod
    def open(cls, evidence: str, pack: Pack) -> ContentCache | None:
        """None where it cannot help or was turned off."""
        if os.name != "posix" or os.environ.get("ITAPACK_NO_CACHE", "").strip() not in ("", "0"):
            return None
        decided_by, placed_by = rules(), placing(pack, evidence)
        if decided_by is None or placed_by is None:  # no source to compare (a frozen build)
            return None
        try:
            device = os.stat(evidence).st_dev
        except OSError:
            return None
        # Named after the evidence folder only to keep packs apart: a verdict belongs to an inode and
        # its times, wherever the file is, so two folders that met in one name would only miss.
        name = f"{zlib.crc32(os.fsencode(evidence)):08x}-{len(evidence)}.bin"
        return cls(device, cache_folder() / FOLDER / name, decided_by, placed_by)

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
            self.blocks = {name: Block(*map(int, where)) for name, where in index["blocks"].items()}
            if index.get("placing") == self.placing:
                self.placed = {name: (str(d), Block(*map(int, where))) for name, (d, *where) in index["placed"].items()}
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
        data = self.verdicts(name)
        if len(data) % (8 * _FIELDS):
            return {}
        records = array("q")
        records.frombytes(data)
        fields = [iter(records)] * _FIELDS  # inode, size, mtime_ns, ctime_ns, verdict: one record
        return {record[0]: record[1:] for record in zip(*fields, strict=True)}

    def verdicts(self, name: str) -> bytes:
        """One subtree's verdicts as the old file holds them: kept as they are when it is not read."""
        return self._read(self.blocks.get(name))

    def placement(self, name: str, walked: str) -> bytes | None:
        """What one subtree's placement was, if the subtree is as it was then (walked: its digest now)."""
        digest, where = self.placed.get(name, ("", None))
        return self._read(where) or None if digest == walked else None

    def _read(self, where: Block | None) -> bytes:
        if where is None or self.old is None:
            return b""
        try:
            data = os.pread(self.old, where.length, where.offset)
        except OSError:
            return b""
        return data if len(data) == where.length and zlib.crc32(data) == where.crc else b""

    def keep(self, name: str, verdicts: bytes, placed: tuple[str, bytes] | None = None) -> None:
        """This check's verdicts for one subtree, and its placement with its walk's digest, written as
        they arrive."""
        if verdicts:
            where = self._write(verdicts)
            if where is not None:
                self.written[name] = where
        if placed is None and name in self.placed:  # not walked (one process): kept for the next check
            digest, old = self.placed[name]
            data = self._read(old)
            placed = (digest, data) if data else None
        if placed is not None:
            where = self._write(placed[1])
            if where is not None:
                self.written_placed[name] = (placed[0], where)

    def _write(self, data: bytes) -> Block | None:
        offset = self.offset
        if self.new is None or not self._append(data):
            return None
        return Block(offset, len(data), zlib.crc32(data))

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
        placed = {name: [digest, *where] for name, (digest, where) in self.written_placed.items()}
        keys = {"rules": self.rules, "device": self.device, "placing": self.placing}
        index = json.dumps({**keys, "blocks": self.written, "placed": placed}).encode()
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
