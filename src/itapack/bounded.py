"""Reading what a person hands itapack, within bounds: zips, big files, JSON.

Every read of an archive or of a large or untrusted file goes through here, so that a zip bomb, a
3 GB scan, a FIFO named like a file or a manifest nested ten thousand deep ends in a Thai message
(InputError, exit 2) instead of a hang, a MemoryError or a traceback. The limits are generous for
real evidence and far below what would hurt a clerk's laptop.
"""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .errors import InputError
from .i18n import _

CHUNK = 1 << 20
MiB = 1 << 20
GiB = 1 << 30
ENCRYPTED_FLAG = 0x1  # zip: the member needs a password
AES_METHOD = 99  # WinZip AES: encrypted, whatever the flag says
# A member must unpack to more than this before its compression ratio counts: a tiny file of
# spaces compresses 1000:1 and harms nobody.
RATIO_FLOOR = MiB
# Non-blocking: opening a FIFO for reading would otherwise wait for a writer. No effect on a file.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
JSON_DEPTH = 64  # a bundle manifest is five deep; nothing of ours needs more


class ReadLimitError(InputError):
    """Reading this would take more than a clerk's laptop can give, or would never end."""


@dataclass(frozen=True)
class ZipLimits:
    members: int = 1_000_000  # a national bundle lists 400,000 files
    total: int = 2048 * GiB  # of all members unpacked
    member: int = 64 * GiB  # of one member unpacked
    ratio: int = 500  # unpacked over packed, for a member over RATIO_FLOOR; deflate's own ceiling is about 1032
    depth: int = 64  # folders in a member's name


INBOX_ZIP = ZipLimits(members=100_000, total=64 * GiB, member=GiB)
# Every member streamed and hashed, never held: its ratio costs time, not memory, and a scan
# stored raw (a white page is 1000 to 1) must not make a clerk's own archive unverifiable.
VERIFY_ZIP = ZipLimits(ratio=1 << 62)
OFFICE_ZIP = ZipLimits(members=10_000, total=GiB, member=512 * MiB, depth=16)
# A zip of which one small member is read with its own ceiling (is this file ours?): its other
# members are never unpacked, so their sizes do not matter; a national workbook is not refused.
PEEK = ZipLimits(total=1 << 62, member=1 << 62, ratio=1 << 62, depth=1 << 20)


def regular_file(path: Path, shown: str | None = None) -> os.stat_result:
    """path's status if it is a regular file: a FIFO, a socket or a device would block or never end."""
    where = shown or str(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise InputError(_("ไม่พบไฟล์ {path}").format(path=where)) from None
    except OSError as error:
        raise InputError(_("อ่านไฟล์ {path} ไม่ได้ ({reason})").format(path=where, reason=error.strerror)) from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(_("{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์").format(path=where))
    if not stat.S_ISREG(status.st_mode):
        raise InputError(_("{path} ไม่ใช่ไฟล์ธรรมดา (เป็นไปป์หรืออุปกรณ์) จึงไม่ได้เปิดอ่าน").format(path=where))
    return status


def _too_big(where: str, size: int, limit: int) -> ReadLimitError:
    return ReadLimitError(
        _("{path} ใหญ่ {size} ไบต์ เกินที่อ่านได้ ({limit} ไบต์)").format(path=where, size=f"{size:,}", limit=f"{limit:,}")
    )


def file_chunks(path: Path, limit: int, shown: str | None = None) -> Iterator[bytes]:
    """path's bytes in pieces; past limit bytes, ReadLimitError. Opened without blocking and
    checked again once open: a file swapped for a FIFO after the first look still does not hang.
    A file that grows while read is still stopped at limit."""
    where = shown or str(path)
    regular_file(path, where)
    read = 0
    try:
        handle = os.open(path, _READ_FLAGS)
        with os.fdopen(handle, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise InputError(_("{path} ไม่ใช่ไฟล์ธรรมดา (เป็นไปป์หรืออุปกรณ์) จึงไม่ได้เปิดอ่าน").format(path=where))
            if status.st_size > limit:
                raise _too_big(where, status.st_size, limit)
            while chunk := stream.read(CHUNK):
                read += len(chunk)
                if read > limit:
                    raise _too_big(where, read, limit)
                yield chunk
    except OSError as error:
        raise InputError(_("อ่านไฟล์ {path} ไม่ได้ ({reason})").format(path=where, reason=error.strerror)) from None


def read_file(path: Path, limit: int, shown: str | None = None) -> bytes:
    return b"".join(file_chunks(path, limit, shown))


# --- zips ------------------------------------------------------------------------------------


def open_zip(
    source: Path | IO[bytes], shown: str, limits: ZipLimits = ZipLimits(), *, not_zip: str = ""
) -> zipfile.ZipFile:
    """A zip whose listing is within limits. Sizes are the ones the listing declares: zipfile never
    unpacks a member past its declared size, so they bound what reading can cost. not_zip: what to
    say when it is no zip at all, if the caller knows better what the person meant to give."""
    if isinstance(source, Path):
        regular_file(source, shown)
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:  # its own words are English ("File is not a zip file") and add nothing
        raise InputError(not_zip or _("{path} ไม่ใช่ไฟล์ zip ที่เปิดได้ (ไฟล์เสียหายหรือไม่ครบ)").format(path=shown)) from None
    except (OSError, ValueError, EOFError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(_("{path} ไม่ใช่ไฟล์ zip ที่เปิดได้ ({error})").format(path=shown, error=reason)) from None
    try:
        check_listing(archive, shown, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check_listing(archive: zipfile.ZipFile, shown: str, limits: ZipLimits) -> None:
    members = archive.infolist()
    if len(members) > limits.members:
        raise ReadLimitError(
            _("{path} มีไฟล์ข้างใน {count} ไฟล์ เกินที่อ่านได้ ({limit})").format(
                path=shown, count=f"{len(members):,}", limit=f"{limits.members:,}"
            )
        )
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > limits.member:
            raise ReadLimitError(
                _("{path}: {name} แตกออกมาได้ {size} ไบต์ เกินที่อ่านได้ ({limit} ไบต์)").format(
                    path=shown, name=info.filename, size=f"{info.file_size:,}", limit=f"{limits.member:,}"
                )
            )
        if info.file_size > RATIO_FLOOR and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise ReadLimitError(
                _(
                    "{path}: {name} ถูกบีบอัดเกินจริง ({ratio} เท่า) อาจเป็น zip bomb จึงไม่ได้เปิด "
                    "ถ้าเป็นไฟล์จริง ให้แตกไฟล์ zip เองแล้ววางไฟล์ที่แตกแล้วแทน"
                ).format(path=shown, name=info.filename, ratio=f"{info.file_size // max(info.compress_size, 1):,}")
            )
        if info.filename.count("/") > limits.depth:
            raise ReadLimitError(
                _("{path}: {name} อยู่ในโฟลเดอร์ซ้อนกันลึกเกิน {limit} ชั้น").format(
                    path=shown, name=info.filename[:120] + "…", limit=limits.depth
                )
            )
    if total > limits.total:
        raise ReadLimitError(
            _("{path} แตกออกมาได้ {size} ไบต์ เกินที่อ่านได้ ({limit} ไบต์)").format(
                path=shown, size=f"{total:,}", limit=f"{limits.total:,}"
            )
        )


def member_fault(info: zipfile.ZipInfo) -> str | None:
    """Why a member cannot be read without a password or a method zipfile lacks; None if it can."""
    if info.compress_type == AES_METHOD:
        return _("ถูกเข้ารหัสแบบ AES (ต้องใช้รหัสผ่าน): แตกไฟล์ด้วยรหัสผ่านก่อน แล้วส่งไฟล์ที่แตกแล้ว")
    if info.flag_bits & ENCRYPTED_FLAG:
        return _("ถูกเข้ารหัส (ต้องใช้รหัสผ่าน): แตกไฟล์ด้วยรหัสผ่านก่อน แล้วส่งไฟล์ที่แตกแล้ว")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        return _("ถูกบีบอัดด้วยวิธีที่อ่านไม่ได้ (วิธีที่ {method}): บีบอัดใหม่เป็น zip ธรรมดา").format(method=info.compress_type)
    return None


class MemberError(InputError):
    """One member of a zip cannot be read: encrypted, damaged (bad CRC), cut short."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.reason = reason


def member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> Iterator[bytes]:
    """A member's bytes in pieces, its CRC checked at the end by zipfile; every fault a MemberError."""
    where = f"{shown}/{info.filename}"
    fault = member_fault(info)
    if fault is not None:
        raise MemberError(where, fault)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                yield chunk
    except zipfile.BadZipFile as error:
        if "CRC" in str(error):
            raise MemberError(where, _("ข้อมูลเสียหาย (ค่า CRC ไม่ตรง) ให้ขอไฟล์ใหม่จากผู้ส่ง")) from None
        raise MemberError(where, _("ข้อมูลเสียหายหรือไม่ครบ ให้ขอไฟล์ใหม่จากผู้ส่ง")) from None
    except (zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError):
        raise MemberError(where, _("ข้อมูลเสียหายหรือไม่ครบ ให้ขอไฟล์ใหม่จากผู้ส่ง")) from None


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, limit: int) -> bytes:
    if info.file_size > limit:
        raise _too_big(f"{shown}/{info.filename}", info.file_size, limit)
    return b"".join(member_chunks(archive, info, shown))


def member_named(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    try:
        return archive.getinfo(name)
    except KeyError:
        return None


def office_zip(raw: bytes, shown: str) -> zipfile.ZipFile:
    """An XLSX or DOCX held in memory, its listing checked before a library unpacks it."""
    return open_zip(io.BytesIO(raw), shown, OFFICE_ZIP)


# --- JSON --------------------------------------------------------------------------------------


def load_json(data: bytes, shown: str, *, limit: int = 512 * MiB, depth: int = JSON_DEPTH) -> Any:
    """JSON within a size and a nesting depth; anything else an InputError that names the file."""
    if len(data) > limit:
        raise _too_big(shown, len(data), limit)
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        raise ReadLimitError(_("{path}: ข้อมูลซ้อนกันลึกเกิน {limit} ชั้น").format(path=shown, limit=depth)) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(_("{path}: อ่าน JSON ไม่ได้ ({error})").format(path=shown, error=error)) from None
    if _deeper_than(value, depth):
        raise ReadLimitError(_("{path}: ข้อมูลซ้อนกันลึกเกิน {limit} ชั้น").format(path=shown, limit=depth))
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    """Walked with a stack, not recursion: the point is to survive what recursion would not."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if level > limit:
            return True
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return False
