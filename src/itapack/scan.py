"""One pass over the evidence tree: every folder once, every file once.

The scan decides only what a file is (junk, empty, unreadable, content not matching its extension,
a name that is not valid text); which document it serves is match.py's business.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import sniff

# Left by Windows Explorer, macOS Finder and Office/LibreOffice, or by itapack scaffold
# (README.txt says what belongs in a folder); never evidence.
JUNK_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store", ".localized", "icon\r", "readme.txt"})
JUNK_PREFIXES = ("~$", "._", ".~lock.", "~wrl")


def is_junk(name: str) -> bool:
    lower = name.lower()
    return lower in JUNK_NAMES or lower.startswith(JUNK_PREFIXES)


@dataclass(slots=True)
class ScannedFile:
    name: str  # always valid text; see display_name()
    size: int
    flaw: str | None = None  # empty | unreadable | content | bad-name
    detail: str = ""  # for content: what it really is (html, exe, ...); for bad-name: the raw form


@dataclass(slots=True)
class ScannedFolder:
    path: str  # relative to the evidence folder, "/"-separated; "" is the evidence folder itself
    name: str
    files: list[ScannedFile] = field(default_factory=list)
    unreadable: bool = False


@dataclass(frozen=True, slots=True)
class ScanNote:
    path: str
    what: str  # link-outside | link-folder | link-broken | unreadable-folder | too-long | bad-name | vanished


@dataclass
class Scan:
    root: Path
    found: bool
    folders: list[ScannedFolder]
    notes: list[ScanNote]
    ignored: int  # junk files passed over


def scan(root: Path, pack_root: Path) -> Scan:
    if not root.is_dir():
        return Scan(root, False, [], [], 0)
    walker = _Walker(root, pack_root)
    walker.run()
    return Scan(root, True, walker.folders, walker.notes, walker.ignored)


class _Walker:
    def __init__(self, root: Path, pack_root: Path) -> None:
        self.root = root
        # Links may point anywhere inside the pack, or inside the evidence folder when that
        # lives elsewhere (a share mounted or linked in); never further.
        self.boundaries = tuple({os.path.realpath(pack_root), os.path.realpath(root)})
        self.folders: list[ScannedFolder] = []
        self.notes: list[ScanNote] = []
        self.ignored = 0

    def run(self) -> None:
        # Iterative, so depth is bounded by memory, not by Python's recursion limit.
        stack: list[tuple[str, str, str]] = [(str(self.root), "", "")]
        while stack:
            os_path, rel, name = stack.pop()
            folder = ScannedFolder(rel, name)
            self.folders.append(folder)
            subfolders = self.read_folder(os_path, folder)
            stack.extend(reversed(subfolders))
        self.folders.sort(key=lambda f: f.path)

    def read_folder(self, os_path: str, folder: ScannedFolder) -> list[tuple[str, str, str]]:
        subfolders: list[tuple[str, str, str]] = []
        try:
            with os.scandir(os_path) as entries:
                listed = list(entries)
        except FileNotFoundError:
            self.notes.append(ScanNote(folder.path, "vanished"))
            return subfolders
        except OSError as error:
            folder.unreadable = True
            self.notes.append(
                ScanNote(folder.path, "too-long" if error.errno == errno.ENAMETOOLONG else "unreadable-folder")
            )
            return subfolders
        prefix = f"{folder.path}/" if folder.path else ""
        for entry in listed:
            shown, raw_flaw = _display_name(entry.name)
            rel = prefix + shown
            try:
                if _is_link(entry):
                    self.read_link(entry, rel, folder, shown)
                elif entry.is_dir(follow_symlinks=False):
                    if raw_flaw is not None:
                        self.notes.append(ScanNote(rel, "bad-name"))  # its files still count
                    subfolders.append((entry.path, rel, shown))
                elif entry.is_file(follow_symlinks=False):
                    self.read_file(entry.path, entry.stat(follow_symlinks=False).st_size, folder, shown, raw_flaw)
            except FileNotFoundError:
                self.notes.append(ScanNote(rel, "vanished"))
            except OSError:
                folder.files.append(ScannedFile(shown, 0, "unreadable"))
        return subfolders

    def read_link(self, entry: os.DirEntry[str], rel: str, folder: ScannedFolder, shown: str) -> None:
        """Links are never followed into folders (no loops, nothing counted twice); a link to a
        file inside the pack counts as that file."""
        try:
            target = os.path.realpath(entry.path, strict=True)
        except OSError:  # dangling, or a loop
            self.notes.append(ScanNote(rel, "link-broken"))
            return
        if not any(target == b or target.startswith(b + os.sep) for b in self.boundaries):
            self.notes.append(ScanNote(rel, "link-outside"))
        elif os.path.isdir(target):
            self.notes.append(ScanNote(rel, "link-folder"))  # its files count where they really are
        else:
            self.read_file(target, os.stat(target).st_size, folder, shown, None)

    def read_file(self, os_path: str, size: int, folder: ScannedFolder, name: str, raw_flaw: str | None) -> None:
        if is_junk(name):
            self.ignored += 1
            return
        if raw_flaw is not None:
            folder.files.append(ScannedFile(name, size, "bad-name", raw_flaw))
        elif size == 0:
            folder.files.append(ScannedFile(name, size, "empty"))
        else:
            folder.files.append(_sniffed(os_path, name, size))


def _sniffed(os_path: str, name: str, size: int) -> ScannedFile:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in sniff.SIGNATURES:
        return ScannedFile(name, size)
    try:
        with open(os_path, "rb") as handle:
            head = handle.read(sniff.HEAD_BYTES)
    except FileNotFoundError:
        raise
    except OSError:
        return ScannedFile(name, size, "unreadable")
    if not head:
        return ScannedFile(name, 0, "empty")
    if sniff.matches(extension, head):
        return ScannedFile(name, size)
    return ScannedFile(name, size, "content", sniff.looks_like(head))


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
    return name, flaw
