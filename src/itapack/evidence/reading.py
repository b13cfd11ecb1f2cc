"""One evidence file read: its size, and whether its content is whole and of the kind its name says.

Below both the scan, which reads each file it lists, and the content cache, which reads a file only
when it changed since the last check and otherwise returns what this said then: neither imports the
other for it.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from . import opens, sniff

# O_NONBLOCK: a named pipe swapped in for a file after it was listed must not block the open.
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
_NOATIME = getattr(os, "O_NOATIME", 0)  # reading evidence should not even touch its access times


@dataclass(slots=True)
class ScannedFile:
    name: str  # always valid text; see _display_name()
    size: int
    flaw: str | None = None  # empty | unreadable | content | broken | bad-name
    detail: str = ""  # for content: what it really is (html, exe, ...); for bad-name: cp874 | undecodable | control
    # | bidi (direction marks, shown escaped as <U+202E>)


def read_file(name: str, shown: str, folder_handle: int | None, os_path: str) -> ScannedFile:
    """Size, whether the content is of the kind the extension says (its first kilobyte), and
    whether it is whole (opens.py: what its kind needs, often nothing more than that kilobyte).

    One open, one size query, one read and one close for most files; a file emptied after it was
    listed is caught by the read itself. Only a regular file is ever read.
    """
    global _NOATIME
    try:
        handle = _open(name, _FLAGS | _NOATIME, folder_handle, os_path)
    except PermissionError as error:
        if not (_NOATIME and error.errno == errno.EPERM):
            return ScannedFile(shown, 0, "unreadable")
        _NOATIME = 0  # O_NOATIME needs the files' owner; do without it from now on
        return read_file(name, shown, folder_handle, os_path)
    except FileNotFoundError:
        raise
    except OSError as error:  # a path past the system's limit (Windows' 260) is not a permission problem
        return ScannedFile(shown, 0, "too-long" if error.errno == errno.ENAMETOOLONG else "unreadable")
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):  # swapped in after it was listed: never read it
            return ScannedFile(shown, 0, "unreadable")
        head = os.read(handle, sniff.HEAD_BYTES)
        if not head:
            return ScannedFile(shown, 0, "empty")
        size = status.st_size
        kind = extension(shown)
        if not sniff.claims(kind, head):
            return ScannedFile(shown, size, "content", sniff.looks_like(head))
        if opens.opens(kind, opens.Source(handle, size, head)):
            return ScannedFile(shown, size)
        return ScannedFile(shown, size, "broken")
    except OSError:
        return ScannedFile(shown, 0, "unreadable")
    finally:
        os.close(handle)


def extension(name: str) -> str:
    """Lower-case, without the dot; "" when there is none. Scan and placement must agree on it."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _open(name: str, flags: int, folder_handle: int | None, os_path: str) -> int:
    if folder_handle is not None:
        return os.open(name, flags, dir_fd=folder_handle)
    return os.open(os_path, flags)
