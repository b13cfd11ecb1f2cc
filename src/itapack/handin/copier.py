"""The evidence copied into the archive by a second process while the first writes the manifests.

Each file's copy (open, read, CRC-32, SHA-256, the zip's headers and the bytes) and its two
manifest rows cost about the same; on two processors they overlap. The copier is forked after the
listing is made, so it has the same files in the same order, and writes the evidence members to
the archive itself, through the same open file: what it writes is byte for byte what one process
writes. It sends back each file's size and SHA-256, in order, for the rows; then where the archive
stands and how many members it holds, so that the parent goes on (reports, manifests, directory)
from there. A file refused on the way (changed since the check, unreadable) ends the copy, and the
parent raises the copier's own message.

Only where os.fork exists (Windows copies in one process), for archives of at least MIN_FILES
files (forking costs more than it saves below), and not when ITAPACK_JOBS=1.
"""

from __future__ import annotations

import gc
import os
import struct
from collections.abc import Callable, Iterator

from ..errors import InputError
from ..evidence.parallel import forked, jobs_wanted, reap
from .zipstream import ZipStream

MIN_FILES = 2000
FILE = struct.Struct("<Q64s")  # a file's size and its SHA-256 in hex
REFUSED = (1 << 64) - 1  # in a file's size: its copy was refused; a message follows
MESSAGE = struct.Struct("<L")
END = struct.Struct("<QQ")  # where the archive stands, members written
SEND = 1 << 16

Copy = Callable[[int], tuple[int, str]]  # the copy of the n-th file in archive order: its size and SHA-256


def wanted(files: int) -> bool:
    return hasattr(os, "fork") and files >= MIN_FILES and jobs_wanted() > 1


def copies(archive: ZipStream, files: int, copy: Copy) -> Iterator[tuple[int, str]]:
    """The size and SHA-256 of each of files, in order, copied into archive by a forked process.
    When the last one is given, the archive stands behind the last member, as if copied here."""
    archive.settle()  # nothing of the parent's waits in a buffer: the two write the same file in turn
    read, write = os.pipe()

    def work() -> None:
        os.close(read)
        _copier(archive, files, copy, write)

    pid = forked(work)
    os.close(write)
    finished = False
    try:
        with os.fdopen(read, "rb", buffering=SEND) as received:
            for _ in range(files):
                record = received.read(FILE.size)
                if len(record) < FILE.size:
                    raise RuntimeError("the archive's copier ended before the last file")
                size, digest = FILE.unpack(record)
                if size == REFUSED:
                    (length,) = MESSAGE.unpack(digest[: MESSAGE.size])
                    raise InputError(received.read(length).decode("utf-8"))
                yield size, digest.decode("ascii")
            end = received.read(END.size)
            if len(end) < END.size:
                raise RuntimeError("the archive's copier ended before the last file")
            position, members = END.unpack(end)
        if reap([pid], kill=False):
            raise RuntimeError("the archive's copier failed")
        finished = True
        archive.carry_on(position, members)
    finally:
        if not finished:
            reap([pid], kill=True)


def _copier(archive: ZipStream, files: int, copy: Copy, out: int) -> None:
    gc.disable()  # a collection would touch, and so copy, every page of objects shared with the parent
    pending: list[bytes] = []
    held = 0
    for index in range(files):
        try:
            size, sha256 = copy(index)
        except InputError as error:
            said = str(error).encode("utf-8")
            pending.append(FILE.pack(REFUSED, MESSAGE.pack(len(said)).ljust(64, b"\0")) + said)
            _send(out, pending)
            return
        pending.append(FILE.pack(size, sha256.encode("ascii")))
        held += FILE.size
        if held >= SEND:
            _send(out, pending)
            held = 0
    archive.settle()
    pending.append(END.pack(archive.target.tell(), archive.count))
    _send(out, pending)


def _send(out: int, pending: list[bytes]) -> None:
    data = memoryview(b"".join(pending))
    pending.clear()
    while data:
        data = data[os.write(out, data) :]
