"""A zip written member by member in constant memory, for the hand-in archive.

zipfile keeps a ZipInfo for every member until the archive closes (with its index, about 600
bytes each: 230 MB for a national archive of 394,412 files). Here each member's central-directory
record goes to a temporary file as soon as the member is written, and is copied behind the last
member. The bytes are those a zip of fixed time and permissions needs and no more: names in UTF-8
with the UTF-8 flag when not ASCII, ZIP64 records only past zip's 16- and 32-bit limits (as
zipfile sets them, so that every unzipper reads them), DEFLATE at level 6 or stored. A member
whose place is known only at the end (the manifests) is deflated aside as it is made (Spooled,
at its own level) and put in behind the others (put()).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import struct
import tempfile
import zlib
from collections.abc import Callable
from typing import IO

LOCAL = struct.Struct("<4s5H3L2H")
CENTRAL = struct.Struct("<4s4B4H3L5H2L")
END64 = struct.Struct("<4sQ2H2L4Q")
LOCATOR = struct.Struct("<4sLQL")
END = struct.Struct("<4s4H2LH")
ZIP64_EXTRA = struct.Struct("<2H2Q")  # a local header's: its size and its compressed size
# zipfile's limits (signed 32-bit for sizes and offsets), so that what it reads back matches
SIZE_LIMIT = (1 << 31) - 1
COUNT_LIMIT = 0xFFFF
STORED, DEFLATED = 0, 8
VERSION, ZIP64_VERSION = 20, 45
UNIX = 3
UTF8_FLAG = 0x800
LEVEL = 6
SMALL = 1 << 20  # a file up to this size is read in one piece and written behind a finished header
CHUNK = 1 << 20
SPOOL_MEMORY = 16 << 20  # bytes of a Spooled member kept in memory; a national manifest deflates to 3 MB


class ZipStream:
    """Members are added one at a time to a seekable binary stream; close() writes the directory."""

    def __init__(self, target: IO[bytes], *, date_time: tuple[int, int, int, int, int, int], mode: int) -> None:
        self.target = target
        year, month, day, hour, minute, second = date_time
        self.dos_date = (year - 1980) << 9 | month << 5 | day
        self.dos_time = hour << 11 | minute << 5 | second // 2
        self.external = mode << 16
        self.directory: IO[bytes] = tempfile.NamedTemporaryFile(prefix="itapack-zipdir-")  # noqa: SIM115 (closed by close())
        self.records: list[bytes] = []  # directory records not yet on disk, a megabyte at most
        self.held = 0
        self.count = 0
        self.closed = False
        # Where the next byte goes, kept here: asking the stream (tell) was a system call per member
        self.position = target.tell()
        # In the bundle's copier, a member's directory record is made by the main process (record())
        # from its CRC-32, compressed size and offset, left in last_member for the copier to send.
        self.records_elsewhere = False
        self.last_member = (0, 0, 0)

    def __enter__(self) -> ZipStream:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.directory.close()

    def add(self, name: str, source: IO[bytes], size: int, *, compress: bool) -> tuple[str, int]:
        """Copy source in, hashing on the way (one read of each byte): its SHA-256 and the bytes
        copied. size is what the file measured when opened; the caller compares it with the bytes
        copied, as a file that changed while being copied must not be handed in unnoticed."""
        return self._add(name, source.read, size, compress=compress)

    def add_file(self, name: str, fd: int, size: int, *, compress: bool) -> tuple[str, int]:
        """add() for a whole file given as an open descriptor, read with no stream object between;
        the caller closes fd."""
        if size > SMALL:
            return self._add(name, functools.partial(os.read, fd), size, compress=compress)
        data = os.read(fd, size + 1)  # the whole file, nearly always (_to_the_end says why)
        if len(data) < size:
            data = _to_the_end(functools.partial(os.read, fd), data, size)
        return self._small(name, data, compress)

    def _add(self, name: str, read: Callable[[int], bytes], size: int, *, compress: bool) -> tuple[str, int]:
        """One read loop (CRC-32, SHA-256 and the write of one piece)."""
        if size > SMALL:
            member = self.open(name, compress=compress, size=size)
            digest = hashlib.sha256()
            while chunk := read(CHUNK):
                digest.update(chunk)
                member.write(chunk)
            member.close()
            return digest.hexdigest(), member.size
        return self._small(name, _to_the_end(read, read(size + 1), size), compress)

    def _small(self, name: str, data: bytes, compress: bool) -> tuple[str, int]:
        """A small file's member and its records, written here directly, as nearly every member's
        are: 394,412 of them nationally."""
        crc = zlib.crc32(data)
        packed = _deflate(data) if compress else data
        encoded, flags = _encoded(name)
        method = DEFLATED if compress else STORED
        offset = self.position
        header = LOCAL.pack(
            b"PK\x03\x04", VERSION, flags, method, self.dos_time, self.dos_date, crc, len(packed), len(data),
            len(encoded), 0,
        )  # fmt: skip
        self._write(header + encoded + packed)
        self._central(name, compress, crc, len(packed), len(data), offset)
        return hashlib.sha256(data).hexdigest(), len(data)

    def open(self, name: str, *, compress: bool, size: int = 0) -> _Member:
        """A member written piece by piece, its header completed when it is closed."""
        return _Member(self, name, compress, zip64=size > SIZE_LIMIT / 1.05)  # deflate may grow a little

    def put(self, member: Spooled) -> None:
        """A member deflated aside (Spooled) written in here: header, bytes, directory record."""
        member.finish()
        zip64 = member.size > SIZE_LIMIT or member.packed > SIZE_LIMIT
        offset = self._local(member.name, True, member.crc, member.packed, member.size, zip64=zip64)
        member.spool.seek(0)
        shutil.copyfileobj(member.spool, self.target, CHUNK)
        self.position += member.packed
        self._central(member.name, True, member.crc, member.packed, member.size, offset)

    def _local(self, name: str, compress: bool, crc: int, packed: int, size: int, *, zip64: bool) -> int:
        """Write a local header; returns its offset."""
        encoded, flags = _encoded(name)
        offset = self.position
        method = DEFLATED if compress else STORED
        version = ZIP64_VERSION if zip64 else VERSION
        extra = ZIP64_EXTRA.pack(1, 16, size, packed) if zip64 else b""
        shown_packed, shown_size = (0xFFFFFFFF, 0xFFFFFFFF) if zip64 else (packed, size)
        header = LOCAL.pack(
            b"PK\x03\x04", version, flags, method, self.dos_time, self.dos_date, crc, shown_packed, shown_size,
            len(encoded), len(extra),
        )  # fmt: skip
        self._write(header + encoded + extra)
        return offset

    def record(self, name: str, compress: bool, crc: int, packed: int, size: int, offset: int) -> None:
        """Keep the member's central-directory record, on disk until close()."""
        encoded, flags = _encoded(name)
        method = DEFLATED if compress else STORED
        if offset <= SIZE_LIMIT and packed <= SIZE_LIMIT and size <= SIZE_LIMIT:  # no ZIP64 fields: nearly every member
            record = CENTRAL.pack(
                b"PK\x01\x02", VERSION, UNIX, VERSION, 0, flags, method, self.dos_time, self.dos_date, crc,
                packed, size, len(encoded), 0, 0, 0, 0, self.external, offset,
            )  # fmt: skip
            self._add_record(record + encoded)
            return
        large = [value for value in (size, packed) if size > SIZE_LIMIT or packed > SIZE_LIMIT]
        if offset > SIZE_LIMIT:
            large.append(offset)
        extra = struct.pack(f"<2H{len(large)}Q", 1, 8 * len(large), *large) if large else b""
        version = ZIP64_VERSION if large else VERSION
        record = CENTRAL.pack(
            b"PK\x01\x02", version, UNIX, version, 0, flags, method, self.dos_time, self.dos_date, crc,
            0xFFFFFFFF if size > SIZE_LIMIT or packed > SIZE_LIMIT else packed,
            0xFFFFFFFF if size > SIZE_LIMIT or packed > SIZE_LIMIT else size,
            len(encoded), len(extra), 0, 0, 0, self.external, 0xFFFFFFFF if offset > SIZE_LIMIT else offset,
        )  # fmt: skip
        self._add_record(record + encoded + extra)

    def _central(self, name: str, compress: bool, crc: int, packed: int, size: int, offset: int) -> None:
        """A member finished: its record kept here, or what it needs left for the main process."""
        if self.records_elsewhere:
            self.last_member = (crc, packed, offset)
        else:
            self.record(name, compress, crc, packed, size, offset)

    def _write(self, data: bytes) -> None:
        self.target.write(data)
        self.position += len(data)

    def _add_record(self, record: bytes) -> None:
        self.records.append(record)
        self.held += len(record)
        self.count += 1
        if self.held > CHUNK:
            self._flush_records()

    def settle(self) -> None:
        """Everything written so far handed to the files: another process writes them next."""
        self._flush_records()
        self.directory.flush()
        self.target.flush()

    def carry_on(self, position: int) -> None:
        """Go on behind the members another process wrote since settle(), up to position; their
        directory records are this process's to make (record())."""
        self.target.seek(position)
        self.position = position

    def _flush_records(self) -> None:
        self.directory.write(b"".join(self.records))
        self.records.clear()
        self.held = 0

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        start = self.position
        self._flush_records()
        self.directory.seek(0)
        shutil.copyfileobj(self.directory, self.target, CHUNK)
        self.directory.close()
        end = self.target.tell()
        count, size = self.count, end - start
        if count > COUNT_LIMIT or start > SIZE_LIMIT or size > SIZE_LIMIT:
            self.target.write(
                END64.pack(b"PK\x06\x06", 44, ZIP64_VERSION, ZIP64_VERSION, 0, 0, count, count, size, start)
                + LOCATOR.pack(b"PK\x06\x07", 0, end, 1)
            )
            # Past a limit, a field of the old record says only "see the ZIP64 one"
            count = 0xFFFF if count > COUNT_LIMIT else count
            size = 0xFFFFFFFF if size > SIZE_LIMIT else size
            start = 0xFFFFFFFF if start > SIZE_LIMIT else start
        self.target.write(END.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0))
        self.target.flush()


class _Member:
    """A member whose size is known only at its end: its header is written with zeros, then
    completed in place (the target is a file, never a pipe)."""

    def __init__(self, archive: ZipStream, name: str, compress: bool, *, zip64: bool) -> None:
        self.archive, self.name, self.compress, self.zip64 = archive, name, compress, zip64
        self.compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15) if compress else None
        self.crc = 0
        self.size = 0
        self.packed = 0
        self.offset = archive._local(name, compress, 0, 0, 0, zip64=zip64)

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._put(self.compressor.compress(data) if self.compressor else data)

    def _put(self, data: bytes) -> None:
        self.packed += len(data)
        self.archive._write(data)

    def close(self) -> None:
        if self.compressor:
            self._put(self.compressor.flush())
        if not self.zip64 and (self.size > SIZE_LIMIT or self.packed > SIZE_LIMIT):
            raise OverflowError(f"{self.name}: grew past 2 GiB while being copied")
        target = self.archive.target
        end = self.archive.position
        encoded, _ = _encoded(self.name)
        if self.zip64:
            target.seek(self.offset + 14)
            target.write(struct.pack("<L", self.crc))
            target.seek(self.offset + LOCAL.size + len(encoded) + 4)
            target.write(struct.pack("<2Q", self.size, self.packed))
        else:
            target.seek(self.offset + 14)
            target.write(struct.pack("<3L", self.crc, self.packed, self.size))
        target.seek(end)
        self.archive._central(self.name, self.compress, self.crc, self.packed, self.size, self.offset)


class Spooled:
    """A deflated member made before its place in the archive is known, kept aside compressed (in
    memory up to SPOOL_MEMORY, then in a temporary file) until ZipStream.put() writes it in. The
    manifests are made so, row by row while the copier writes the evidence, by the process that
    would otherwise wait for it: deflated after the copy, they were 0.8 s of a national bundle."""

    def __init__(self, name: str, *, level: int = LEVEL) -> None:
        self.name = name
        self.compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY, prefix="itapack-member-")  # noqa: SIM115 (closed by close())
        self.crc = 0
        self.size = 0
        self.packed = 0

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._keep(self.compressor.compress(data))

    def _keep(self, packed: bytes) -> None:
        self.packed += len(packed)
        self.spool.write(packed)

    def finish(self) -> None:
        self._keep(self.compressor.flush())

    def close(self) -> None:
        self.spool.close()


def _to_the_end(read: Callable[[int], bytes], data: bytes, size: int) -> bytes:
    """A small file's bytes, from the first read's. That read asks for a byte more than measured: a
    file grown since shows it. A regular file reads short only at its end, so all of it in one
    read is the end (a second read to hear so was 394,412 system calls nationally); a file system
    that reads short is read on to its end here."""
    while len(data) < size and (more := read(size + 1 - len(data))):
        data += more
    return data


def _encoded(name: str) -> tuple[bytes, int]:
    if name.isascii():  # asked, not tried: a Thai name's UnicodeEncodeError cost 1.5 µs a member
        return name.encode("ascii"), 0
    return name.encode("utf-8"), UTF8_FLAG


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()
