"""The evidence copied into the archive by a second process while the first writes the manifests.

Each file's copy (open, read, CRC-32, SHA-256, the zip's local header and the bytes) and its two
manifest rows cost about the same; on two processors they overlap. The copier is forked after the
listing is made, so it has the same files in the same order, and writes the evidence members to
the archive itself, through the same open file: what it writes is byte for byte what one process
writes. It sends back each file's size and SHA-256, in order, for the rows, with its member's
CRC-32, compressed size and offset, from which the parent makes the member's directory record
(the copier is the slower of the two); then where the archive stands, so that the parent goes on
(reports, manifests, directory) from there. A file refused on the way (changed since the check,
unreadable) ends the copy, and the parent raises the copier's own message.

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
FILE = struct.Struct("<QLQQ64s")  # a file's size; its member's CRC-32, compressed size, offset; its SHA-256 in hex
REFUSED = (1 << 64) - 1  # in a file's size: its copy was refused; a message follows, as long as its CRC says
END = struct.Struct("<Q")  # where the archive stands
SEND = 1 << 16

Copy = Callable[[int], tuple[int, str]]  # the copy of the n-th file in archive order: its size and SHA-256
Named = Callable[[int], tuple[str, bool]]  # the n-th file's name in the archive, and whether it is deflated


def wanted(files: int) -> bool:
    return hasattr(os, "fork") and files >= MIN_FILES and jobs_wanted() > 1


def copies(archive: ZipStream, files: int, copy: Copy, named: Named) -> Iterator[tuple[int, str]]:
    """The size and SHA-256 of each of files, in order, copied into archive by a forked process,
    each member's directory record made here. When the last one is given, the archive stands
    behind the last member, as if copied here."""
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
            for position in range(files):
                record = received.read(FILE.size)
                if len(record) < FILE.size:
                    raise RuntimeError("the archive's copier ended before the last file")
                size, crc, packed, offset, digest = FILE.unpack(record)
                if size == REFUSED:
                    raise InputError(received.read(crc).decode("utf-8"))
                name, compress = named(position)
                archive.record(name, compress, crc, packed, size, offset)
                yield size, digest.decode("ascii")
            end = received.read(END.size)
            if len(end) < END.size:
                raise RuntimeError("the archive's copier ended before the last file")
        if reap([pid], kill=False):
            raise RuntimeError("the archive's copier failed")
        finished = True
        archive.carry_on(*END.unpack(end))
    finally:
        if not finished:
            reap([pid], kill=True)


def _copier(archive: ZipStream, files: int, copy: Copy, out: int) -> None:
    gc.disable()  # a collection would touch, and so copy, every page of objects shared with the parent
    archive.records_elsewhere = True  # the parent makes each member's directory record from what is sent
    pending: list[bytes] = []
    held = 0
    for index in range(files):
        try:
            size, sha256 = copy(index)
        except InputError as error:
            said = str(error).encode("utf-8")
            pending.append(FILE.pack(REFUSED, len(said), 0, 0, b"") + said)
            _send(out, pending)
            return
        pending.append(FILE.pack(size, *archive.last_member, sha256.encode("ascii")))
        held += FILE.size
        if held >= SEND:
            _send(out, pending)
            held = 0
    archive.settle()
    pending.append(END.pack(archive.position))
    _send(out, pending)


def _send(out: int, pending: list[bytes]) -> None:
    data = memoryview(b"".join(pending))
    pending.clear()
    while data:
        data = data[os.write(out, data) :]
