"""One pass over the evidence tree: every folder once, every file once.

The scan decides only what a file is (junk, empty, unreadable, content not matching its extension,
not whole, a name that is not valid text); which document it serves is match.py's business.

Folders are read one at a time, depth first, and handed on as they are read, parents before
children, so the tree is never held in memory as a whole. It is one thread on purpose: the work
is a few system calls per file, and on a 2-core machine a pool of 8 threads spent more time
handing Python's lock around than the calls took (a national tree: 93 to 198 s threaded, 94 to
105 s in one thread, the same order; see benchmarks/). A big tree is shared between processes
instead, each with a Scan of its own subtrees (parallel.py).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..pack import thai
from . import reading, sniff
from .reading import ScannedFile

if TYPE_CHECKING:
    from .contentcache import Remembered

# Left by Windows Explorer, macOS Finder and Office/LibreOffice, or by itapack scaffold
# (README.txt says what belongs in a folder); never evidence.
JUNK_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store", ".localized", "icon\r", "readme.txt"})
JUNK_PREFIXES = ("~$", "._", ".~lock.", "~wrl")
# Files are opened relative to their folder where the OS allows it: no path lookup per file,
# and no limit on how deep a path may go.
_BY_HANDLE = os.scandir in os.supports_fd and os.open in os.supports_dir_fd

Progress = Callable[[int, int], None]  # (folders, files) read so far


def is_junk(name: str) -> bool:
    lower = name.lower()
    return lower in JUNK_NAMES or lower.startswith(JUNK_PREFIXES)


@dataclass(slots=True)
class ScannedFolder:
    path: str  # relative to the evidence folder, "/"-separated; "" is the evidence folder itself
    name: str
    files: list[ScannedFile] = field(default_factory=list)
    unreadable: bool = False
    has_subfolders: bool = False  # a leaf needs no memory kept for children that will never come


@dataclass(frozen=True, slots=True)
class ScanNote:
    path: str
    what: str  # link-outside | link-folder | link-inside | link-duplicate | link-broken | unreadable-folder
    # | too-long | bad-name | vanished | fifo | socket | device: never opened (reading one would block or never end)


@dataclass(slots=True)
class _Listing:
    """One folder as read: the folder, its subfolders still to read, what it noticed."""

    folder: ScannedFolder
    subfolders: list[tuple[str, str, str]]  # (os path, relative path, shown name)
    notes: list[ScanNote]
    ignored: int


class Scan:
    """Iterate folders() once; afterwards notes, ignored, files and folders tell the rest."""

    def __init__(self, root: Path, pack_root: Path, *, progress: Progress | None = None):
        self.root = root
        self.found = root.is_dir()
        self.notes: list[ScanNote] = []
        self.ignored = 0  # junk files passed over
        self.files = 0
        self.folders_read = 0
        self.progress = progress
        self.names: dict[str, str] = {}  # file and folder names seen, each kept once
        # Links may point anywhere inside the pack, or inside the evidence folder when that
        # lives elsewhere (a share mounted or linked in); never further.
        self.boundaries = tuple({os.path.realpath(pack_root), os.path.realpath(root)})
        self.evidence = os.path.realpath(root)
        self.linked: set[str] = set()  # files counted through a link (few): each only once
        self.remembered: Remembered | None = None  # the content cache's verdicts for the subtree being read

    def folders(self, starts: list[tuple[str, str, str]] | None = None) -> Iterator[ScannedFolder]:
        """Depth first from the evidence folder, or from starts (os path, relative path, shown
        name: what read_root() listed), in that order."""
        if not self.found:
            return
        todo = [(str(self.root), "", "")] if starts is None else starts[::-1]  # a stack: depth first
        while todo:
            listing = self._read(*todo.pop())
            todo.extend(reversed(listing.subfolders))
            self._account(listing)
            yield listing.folder

    def read_root(self) -> tuple[ScannedFolder, list[tuple[str, str, str]]]:
        """The evidence folder alone, accounted for: its own files, and the subfolders below it."""
        listing = self._read(str(self.root), "", "")
        self._account(listing)
        return listing.folder, listing.subfolders

    def _account(self, listing: _Listing) -> None:
        self.notes += listing.notes
        self.ignored += listing.ignored
        self.files += len(listing.folder.files)
        self.folders_read += 1
        if self.progress is not None:
            self.progress(self.folders_read, self.files)

    def _read(self, os_path: str, rel: str, name: str) -> _Listing:
        listing = _Listing(ScannedFolder(rel, name), [], [], 0)
        try:
            handle = os.open(os_path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if _BY_HANDLE else None
        except FileNotFoundError:
            listing.notes.append(ScanNote(rel, "vanished"))
            return listing
        except OSError as error:
            return self._unreadable(listing, error)
        try:
            with os.scandir(handle if handle is not None else os_path) as entries:
                listed = list(entries)
        except FileNotFoundError:
            listing.notes.append(ScanNote(rel, "vanished"))
            listed = []
        except OSError as error:
            listed = []
            self._unreadable(listing, error)
        try:
            self._entries(listed, os_path, handle, listing)
        finally:
            if handle is not None:
                os.close(handle)
        listing.folder.has_subfolders = bool(listing.subfolders)
        return listing

    def _unreadable(self, listing: _Listing, error: OSError) -> _Listing:
        listing.folder.unreadable = True
        what = "too-long" if error.errno == errno.ENAMETOOLONG else "unreadable-folder"
        listing.notes.append(ScanNote(listing.folder.path, what))
        return listing

    def _entries(self, listed: list[os.DirEntry[str]], folder_path: str, handle: int | None, listing: _Listing) -> None:
        """One tight loop over a folder's entries: a national tree has 720,000 of them, and every
        call, path and lookup per entry shows. Paths are built for folders and links only; a file
        is opened by its name, relative to the folder's handle; its extension is taken once."""
        names = self.names
        files = listing.folder.files
        notes = listing.notes
        rel_prefix = f"{listing.folder.path}/" if listing.folder.path else ""
        base = folder_path if folder_path.endswith(os.sep) else folder_path + os.sep
        invisible = thai.INVISIBLE.search
        signatures = sniff.SIGNATURES
        remembered = self.remembered
        for entry in listed:
            raw = entry.name
            if raw.isprintable():  # the common case, checked at C speed
                shown, raw_flaw = raw, None
            else:
                shown, raw_flaw = _display_name(raw)
            shown = names.setdefault(shown, shown)  # "คำรับรอง.pdf" in 8,000 folders: one string
            if invisible(shown):  # matched as it looks; the clerk should still rename it
                notes.append(ScanNote(rel_prefix + shown, "invisible-character"))
            try:
                if entry.is_file(follow_symlinks=False):  # never true of a link
                    lower = shown.lower()
                    if lower in JUNK_NAMES or lower.startswith(JUNK_PREFIXES):
                        listing.ignored += 1
                    elif raw_flaw is not None:
                        size = entry.stat(follow_symlinks=False).st_size
                        files.append(ScannedFile(shown, size, "bad-name", raw_flaw))
                    elif (shown.rsplit(".", 1)[-1].lower() if "." in shown else "") not in signatures:
                        size = entry.stat(follow_symlinks=False).st_size  # nothing to read: the size will do
                        files.append(ScannedFile(shown, size, None if size else "empty"))
                    elif remembered is None:
                        files.append(reading.read_file(raw, shown, handle, base + raw))
                    else:
                        files.append(remembered.read(entry, raw, shown, handle, base + raw))
                elif _is_link(entry):
                    self._link(base + raw, rel_prefix + shown, shown, listing)
                elif entry.is_dir(follow_symlinks=False):
                    if raw_flaw is not None:
                        notes.append(ScanNote(rel_prefix + shown, "bad-name"))  # its files still count
                    listing.subfolders.append((base + raw, rel_prefix + shown, shown))
                else:
                    notes.append(ScanNote(rel_prefix + shown, special_kind(entry.stat(follow_symlinks=False).st_mode)))
            except FileNotFoundError:
                notes.append(ScanNote(rel_prefix + shown, "vanished"))
            except OSError:
                files.append(ScannedFile(shown, 0, "unreadable"))

    def _link(self, os_path: str, rel: str, shown: str, listing: _Listing) -> None:
        """Links are never followed into folders (no loops, nothing counted twice). A link to a
        file elsewhere in the pack counts as that file, once; one to a file in the evidence folder
        does not (the file counts where it really is)."""
        try:
            target = os.path.realpath(os_path, strict=True)
        except OSError:  # dangling, or a loop
            listing.notes.append(ScanNote(rel, "link-broken"))
            return
        if not any(target == b or target.startswith(b + os.sep) for b in self.boundaries):
            listing.notes.append(ScanNote(rel, "link-outside"))
            return
        mode = os.stat(target).st_mode
        if stat.S_ISDIR(mode):
            listing.notes.append(ScanNote(rel, "link-folder"))  # its files count where they really are
        elif not stat.S_ISREG(mode):
            listing.notes.append(ScanNote(rel, special_kind(mode)))
        elif is_junk(shown):
            listing.ignored += 1
        elif target.startswith(self.evidence + os.sep):
            listing.notes.append(ScanNote(rel, "link-inside"))  # the file counts where it really is
        elif target in self.linked:
            listing.notes.append(ScanNote(rel, "link-duplicate"))  # one file never counts twice
        else:
            self.linked.add(target)
            listing.folder.files.append(reading.read_file(target, shown, None, target))


def special_kind(mode: int) -> str:
    """What a thing in the tree is that is neither file, folder nor link."""
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def _is_link(entry: os.DirEntry[str]) -> bool:
    if entry.is_symlink():
        return True
    if os.name == "nt" and entry.is_dir(follow_symlinks=False):  # junctions are not symlinks to Python 3.11
        attributes = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
        return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400))
    return False


def _display_name(name: str) -> tuple[str, str | None]:
    """A name that JSON, XML and a terminal can hold, and why the raw one could not be used.

    Undecodable bytes arrive as surrogate escapes; zips made on Thai Windows carry CP874 names.
    """
    if name.isprintable():  # the common case, checked at C speed
        return name, None
    flaw = None
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        raw = os.fsencode(name)
        try:
            legacy = raw.decode("cp874")
        except UnicodeDecodeError:
            legacy = ""
        if any("\u0e01" <= ch <= "\u0e5b" for ch in legacy):
            name, flaw = legacy, "cp874"
        else:
            name, flaw = raw.decode("utf-8", "replace"), "undecodable"
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        name = "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in name)
        flaw = flaw or "control"
    if _BIDI.search(name):  # invoice\u202egpj.pdf shows as "invoicefdp.jpg": shown escaped, and a problem
        name = _BIDI.sub(_escaped, name)
        flaw = flaw or "bidi"
    if _NOT_XML.search(name):  # what XML 1.0 cannot hold, or what breaks a line of plain output
        name = _NOT_XML.sub(_escaped, name)
        flaw = flaw or "control"
    return name, flaw


# Marks and overrides that change the direction text is shown in.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters XML 1.0 does not allow (control characters are already '?'), and line and paragraph
# separators, which split a line of plain output.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff\u2028\u2029]")


def _escaped(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"
