"""Open the files of a pack, in path order, through the folders already opened on the way.

safety.open_within resolves every part of a path before opening it (eight lstat calls and
Python's realpath for each of a national archive's 394,412 files: a third of the bundle's time).
Here each folder is opened once, relative to the one above it, without following a link
(O_NOFOLLOW), and each file relative to its folder: what is opened is inside the pack's own
folders whatever is renamed or swapped meanwhile. Consecutive paths share their folders, as the
archive's files come sorted. A link met on the way, which the check may have followed, takes
open_within's road: followed when it stays inside the pack, refused when it leads out.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..safety import O_BINARY, O_NOFOLLOW, O_NONBLOCK, Changed, open_within

O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# Without these (Windows), every file takes open_within's road.
HOLDS_FOLDERS = bool(O_DIRECTORY and O_NOFOLLOW) and os.open in os.supports_dir_fd
A_LINK = (errno.ELOOP, errno.ENOTDIR)  # O_NOFOLLOW met a link: in a folder's place, or the file's


class TreeFiles:
    """Opens files under root; close() (or the with block's end) closes the folders it holds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.names: list[str] = []  # the folders held open, each inside the one before
        self.folders: list[int] = []
        self.root_fd = os.open(root, os.O_RDONLY | O_DIRECTORY) if HOLDS_FOLDERS else -1

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
        fd = self._descriptor(relative) if self.root_fd >= 0 else -1
        if fd < 0:
            with open_within(self.root / relative, self.root) as stream:
                yield stream
            return
        with os.fdopen(fd, "rb") as stream:
            yield stream

    def _descriptor(self, relative: str) -> int:
        """The file opened, or -1 for open_within's road (a link, or a path of odd parts)."""
        *folders, name = relative.split("/")
        if any(part in ("", ".", "..") for part in (*folders, name)):
            return -1
        try:
            parent = self._folder(folders)
            fd = os.open(name, os.O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_BINARY, dir_fd=parent)
        except OSError as error:
            if error.errno in A_LINK:
                return -1
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO or a device put in its place
            os.close(fd)
            raise Changed(self.root / relative)
        return fd

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
