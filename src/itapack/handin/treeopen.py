"""Open the files of a pack, in path order, through the folders already opened on the way.

safety.open_within resolves every part of a path before opening it (eight lstat calls and
Python's realpath for each of a national archive's 394,412 files: a third of the bundle's time).
Here each folder is opened once, relative to the one above it, without following a link
(O_NOFOLLOW), and each file relative to its folder: what is opened is inside the pack's own
folders whatever is renamed or swapped meanwhile. Consecutive paths share their folders, as the
archive's files come sorted. A link met on the way, which the check may have followed, takes
open_within's road: followed when it stays inside the pack, refused when it leads out.

Where Linux has openat2 (5.6 and later), each file is opened by one call relative to the pack's
folder, the kernel refusing any link on the way (RESOLVE_NO_SYMLINKS) and any step out of it
(RESOLVE_BENEATH): no folder is held and nothing is compared in Python. A kernel without it, or
a sandbox that forbids it, takes the walk above, as Windows does.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..safety import O_BINARY, O_NOFOLLOW, O_NONBLOCK, Changed, open_within

O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# Without these (Windows), every file takes open_within's road.
HOLDS_FOLDERS = bool(O_DIRECTORY and O_NOFOLLOW) and os.open in os.supports_dir_fd
A_LINK = (errno.ELOOP, errno.ENOTDIR)  # O_NOFOLLOW met a link: in a folder's place, or the file's
# openat2 refused the road, as the walk's A_LINK does: a link on the way, a step out of the pack (EXDEV)
REFUSED_ROAD = (errno.ELOOP, errno.EXDEV, errno.ENOTDIR)
# openat2 itself is missing or forbidden (an old kernel, a seccomp sandbox): the walk does it all
NO_OPENAT2 = (errno.ENOSYS, errno.EPERM, errno.EINVAL, errno.E2BIG, errno.EOPNOTSUPP)
SYS_OPENAT2 = 437  # the same number on every Linux architecture
RESOLVE_NO_MAGICLINKS, RESOLVE_NO_SYMLINKS, RESOLVE_BENEATH = 0x02, 0x04, 0x08
FILE_FLAGS = os.O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_BINARY | getattr(os, "O_CLOEXEC", 0)


class _OpenHow(ctypes.Structure):
    _fields_ = [("flags", ctypes.c_uint64), ("mode", ctypes.c_uint64), ("resolve", ctypes.c_uint64)]


class _Openat2:
    """openat2(2) through libc's syscall(): fd, or -errno."""

    def __init__(self) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self.call = libc.syscall
        self.call.restype = ctypes.c_long
        self.call.argtypes = [ctypes.c_long, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t]
        self.how = _OpenHow(FILE_FLAGS, 0, RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)
        self.how_size = ctypes.sizeof(self.how)
        self.address = ctypes.addressof(self.how)

    def __call__(self, folder: int, relative: bytes) -> int:
        fd = self.call(SYS_OPENAT2, folder, relative, self.address, self.how_size)
        return fd if fd >= 0 else -ctypes.get_errno()


def _openat2() -> _Openat2 | None:
    """openat2 when this kernel answers it (tried once on the current folder), else None."""
    if not sys.platform.startswith("linux") or not HOLDS_FOLDERS:
        return None
    try:
        call = _Openat2()
    except (OSError, AttributeError):
        return None
    fd = call(-100, b".")  # AT_FDCWD: the current folder, which is no link
    if fd < 0:
        return None
    os.close(fd)
    return call


_OPENAT2: list[_Openat2 | None] = []  # tried on first use


def openat2() -> _Openat2 | None:
    if not _OPENAT2:
        _OPENAT2.append(_openat2())
    return _OPENAT2[0]


class TreeFiles:
    """Opens files under root; close() (or the with block's end) closes the folders it holds."""

    def __init__(self, root: Path, *, kernel_resolves: bool = True) -> None:
        """kernel_resolves=False takes the walk even where openat2 is there (the tests take both roads)."""
        self.root = root
        self.names: list[str] = []  # the folders held open, each inside the one before
        self.folders: list[int] = []
        self.root_fd = os.open(root, os.O_RDONLY | O_DIRECTORY) if HOLDS_FOLDERS else -1
        self.openat2 = openat2() if kernel_resolves and self.root_fd >= 0 else None
        # A name's bytes as the scan read them (os.fsencode's), asked once: UTF-8 in UTF-8 mode, but
        # TIS-620 under a Thai locale that is not, and the check's names were decoded with it
        self.encoding = (sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())

    def __enter__(self) -> TreeFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._keep(0)
        if self.root_fd >= 0:
            os.close(self.root_fd)
            self.root_fd = -1

    @contextlib.contextmanager
    def open(self, relative: str) -> Iterator[IO[bytes]]:
        """relative: a path under root with "/" between its parts, as the check gives it."""
        fd, _size = self.descriptor(relative)
        if fd < 0:
            with open_within(self.root / relative, self.root) as stream:
                yield stream
            return
        with os.fdopen(fd, "rb") as stream:
            yield stream

    def descriptor(self, relative: str) -> tuple[int, int]:
        """The regular file opened and its size, or (-1, 0) for open_within's road (a link, a path
        of odd parts, or no folders held). The caller closes what it is given."""
        fd = self.opened(relative)
        if fd < 0:
            return -1, 0
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device put in its place
            os.close(fd)
            raise Changed(self.root / relative)
        return fd, info.st_size

    def opened(self, relative: str) -> int:
        """What is at relative, opened (not blocking, no link followed), or -1 for open_within's
        road. Not asked what it is: the archive reads the size the check measured and one byte
        more, so that anything else (a FIFO, a device, a folder, a file rewritten since) reads
        otherwise and is refused there, without an fstat for each of 394,412 files."""
        if self.root_fd < 0:
            return -1
        return self._kernel_resolved(relative) if self.openat2 is not None else self._descriptor(relative)

    def _kernel_resolved(self, relative: str) -> int:
        """Opened by openat2 beneath the pack's folder, no link followed; -1 for open_within's road."""
        if relative.startswith("/") or "/../" in f"/{relative}/":
            return -1
        fd = self.openat2(self.root_fd, relative.encode(*self.encoding))  # type: ignore[misc]
        if fd >= 0:
            return fd
        if -fd in REFUSED_ROAD:
            return -1
        if -fd in NO_OPENAT2:  # refused for what it is (a sandbox may let the probe pass): walk from now on
            self.openat2 = None
            return self._descriptor(relative)
        raise OSError(-fd, os.strerror(-fd), str(self.root / relative))

    def _descriptor(self, relative: str) -> int:
        """The file opened by walking its folders, or -1 for open_within's road (a link, or a path of odd parts)."""
        *folders, name = relative.split("/")
        if any(part in ("", ".", "..") for part in (*folders, name)):
            return -1
        try:
            parent = self._folder(folders)
            return os.open(name, os.O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_BINARY, dir_fd=parent)
        except OSError as error:
            if error.errno in A_LINK:
                return -1
            raise

    def _folder(self, names: list[str]) -> int:
        same = 0
        for held, wanted in zip(self.names, names, strict=False):
            if held != wanted:
                break
            same += 1
        self._keep(same)
        for name in names[same:]:
            above = self.folders[-1] if self.folders else self.root_fd
            self.folders.append(os.open(name, os.O_RDONLY | O_DIRECTORY | O_NOFOLLOW, dir_fd=above))
            self.names.append(name)
        return self.folders[-1] if self.folders else self.root_fd

    def _keep(self, count: int) -> None:
        while len(self.folders) > count:
            os.close(self.folders.pop())
            self.names.pop()
