"""The submission archive: the counted evidence as filed, the reports and a manifest, in one zip.

Names are UTF-8 with the zip's UTF-8 flag, so Thai names survive Windows, macOS and Linux
unzippers alike; paths are made safe for Windows (its reserved characters and names, and a
length that still fits under MAX_PATH once extracted into a folder). The same pack gives the same
bytes: entries in a fixed order, with a fixed timestamp and permissions. Files are streamed into
the zip and hashed on the way, never held whole in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple

from .. import bounded
from ..errors import InputError
from ..i18n import N_, _, in_thai
from ..outputs import csvcells
from ..safety import Changed, open_within
from .plan import Part

FORMAT = "itapack-bundle"
VERSION = 1
MANIFEST_JSON = "manifest.json"
MANIFEST_CSV = "manifest.csv"
REPORTS_FOLDER = "reports"
OWN_HEAD = b'{"format": "itapack-bundle", '  # how write() begins manifest.json

# Windows' MAX_PATH is 260 characters for the whole path. A clerk extracts into something like
# C:\Users\<name>\Downloads\ไฟล์นำส่ง ITA 2567\ (about 60 characters); 160 leaves room for that.
PATH_LIMIT = 160
COMPONENT_LIMIT = 60  # a shortened folder or file name keeps this many characters at most
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no clock in the bytes
FILE_MODE = 0o100644
CHUNK = 1 << 20
MANIFEST_LIMIT = 512 << 20  # bytes of manifest.json: 400,000 files take about 200 MB
LINE_LIMIT = 64 << 20  # bytes of one manifest line as write() writes it: a file and every use of it
# Already compressed: deflating them again costs time and saves nothing.
STORED = frozenset({"jpg", "jpeg", "png", "gif", "zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "mp4", "heic"})

_RESERVED_CHARS = re.compile(r'[<>:"|?*\\\x00-\x1f]')
_RESERVED_NAMES = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")


@dataclass(slots=True)
class Entry:
    """One evidence file in the archive and every requirement it serves."""

    source: str  # path relative to the pack, as filed
    name: str  # its name in the archive
    uses: list[Part] = field(default_factory=list)
    size: int = 0
    sha256: str = ""


@dataclass(frozen=True)
class ArchiveSummary:
    files: int
    bytes: int
    renamed: int  # names shortened or made safe for Windows; the manifest keeps the original


def windows_safe(path: str, limit: int = PATH_LIMIT) -> str:
    """A name for path that Windows can extract: reserved characters replaced, reserved names and
    trailing dots or spaces avoided, and the whole path at most limit characters. Deterministic:
    a shortened part carries a hash of the original, so two different paths stay different."""
    parts = [_safe_component(part) for part in PurePosixPath(path).parts]
    if len("/".join(parts)) <= limit:
        return "/".join(parts)
    originals = PurePosixPath(path).parts
    # Shorten folders first, deepest last, then the file name, then fold the middle folders away.
    for index in range(1, len(parts) - 1):
        parts[index] = _shorten(parts[index], originals[index], COMPONENT_LIMIT // 2)
        if len("/".join(parts)) <= limit:
            return "/".join(parts)
    parts[-1] = _shorten_file(parts[-1], originals[-1], COMPONENT_LIMIT)
    if len("/".join(parts)) <= limit:
        return "/".join(parts)
    middle = "~" + _digest("/".join(originals[1:-1]))[:10]
    folded = [parts[0], middle, parts[-1]] if len(parts) > 2 else parts
    return "/".join(folded)


def _safe_component(part: str) -> str:
    part = _RESERVED_CHARS.sub("_", part)
    stripped = part.rstrip(" .")
    if stripped != part:
        part = stripped + "_"
    if _RESERVED_NAMES.fullmatch(part):
        part = "_" + part
    return part or "_"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cut(text: str, length: int) -> str:
    """At most length characters, never splitting a Thai vowel or tone mark from its consonant."""
    if len(text) <= length:
        return text
    end = length
    while end > 0 and unicodedata.category(text[end]) == "Mn":
        end -= 1
    return text[:end].rstrip(" .")


def _shorten(part: str, original: str, length: int) -> str:
    if len(part) <= length:
        return part
    return _cut(part, length - 7) + "~" + _digest(original)[:6]


def _shorten_file(part: str, original: str, length: int) -> str:
    stem, dot, extension = part.rpartition(".")
    if not dot or len(extension) > 8:
        return _shorten(part, original, length)
    if len(part) <= length:
        return part
    return _cut(stem, length - 8 - len(extension)) + "~" + _digest(original)[:6] + "." + extension


def entries(parts: Iterable[Part]) -> list[Entry]:
    """One entry per evidence file, in archive order, with the requirements it serves."""
    by_source: dict[str, Entry] = {}
    for part in parts:
        for evidence in part.files:
            entry = by_source.get(evidence.path)
            if entry is None:
                entry = by_source[evidence.path] = Entry(evidence.path, "")
            entry.uses.append(part)
    taken: dict[str, str] = {}  # Windows compares names without case
    # Plain code-point order: deterministic on every OS, and cheap for 400,000 names (a file
    # manager sorts what it shows anyway).
    for source in sorted(by_source):
        name = windows_safe(source)
        if name == source:  # almost always: keep one string, not two (400,000 of them nationally)
            name = source
        if name.casefold() in taken or name in (MANIFEST_JSON, MANIFEST_CSV):
            stem, dot, extension = name.rpartition(".")
            name = f"{stem or extension}~{_digest(source)[:8]}{dot}{extension if stem else ''}"
        taken[name.casefold()] = source
        by_source[source].name = name
    return sorted(by_source.values(), key=lambda e: e.name)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.create_system = 3  # the default depends on the OS writing it; fixed, so bytes do not
    info.external_attr = FILE_MODE << 16
    # zipfile stores a non-ASCII name as UTF-8 and sets the UTF-8 flag (bit 11) for it itself.
    extension = name.rpartition(".")[2].lower()
    info.compress_type = zipfile.ZIP_STORED if extension in STORED else zipfile.ZIP_DEFLATED
    return info


CHANGED = N_(
    "{path} เปลี่ยนไปหลังการตรวจ (ถูกแทนด้วยลิงก์หรือไฟล์อื่น หรือชี้ออกนอกชุดเอกสาร) ไม่ได้ใส่ในไฟล์ zip "
    "ตรวจไฟล์นั้นแล้วเรียก itapack bundle ใหม่"
)


@in_thai  # manifest.csv's status words go to the assessors with the evidence
def write(
    target: IO[bytes],
    *,
    pack_root: Path,
    parts: list[Part],
    reports: list[Path],
    pack_facts: dict[str, object],
) -> ArchiveSummary:
    """Write the archive to a seekable binary stream."""
    from ..outputs.wording import STATUS

    files = entries(parts)
    total = 0
    with zipfile.ZipFile(target, "w", compresslevel=6) as archive:
        for entry in files:
            source = pack_root / entry.source
            try:
                # The link resolved once, inside the pack, and the file opened checked against it:
                # a link swapped in since the check cannot put a file from elsewhere into the zip.
                with open_within(source, pack_root) as stream:
                    entry.sha256, entry.size = _copy(archive, entry.name, stream, os.fstat(stream.fileno()).st_size)
            except Changed:
                raise InputError(_(CHANGED).format(path=entry.source)) from None
            except OSError as error:
                raise InputError(
                    _("อ่านไฟล์ {path} ไม่ได้ ({reason}): ไฟล์ถูกย้ายหรือแก้ไขหลังการตรวจ ให้เรียก itapack bundle ใหม่อีกครั้ง").format(
                        path=entry.source, reason=error.strerror
                    )
                ) from None
            total += entry.size
        report_rows = []
        for report in sorted(reports, key=lambda p: p.name):
            name = f"{REPORTS_FOLDER}/{report.name}"
            data = _reproducible(report.read_bytes()) if report.suffix == ".docx" else report.read_bytes()
            report_rows.append(_put(archive, name, data))
        # Both manifests are written row by row: a national archive lists 400,000 files.
        with _Member(archive, MANIFEST_CSV) as out:
            _manifest_csv(out, files, report_rows, STATUS)
        csv_row = out.row
        with _Member(archive, MANIFEST_JSON) as out:
            head = {"format": FORMAT, "version": VERSION, "pack": pack_facts}
            out.write(json.dumps(head, ensure_ascii=False)[:-1] + ',\n"files": [\n')
            for index, entry in enumerate(files):
                out.write(("" if index == 0 else ",\n") + json.dumps(_file_json(entry, STATUS), ensure_ascii=False))
            tail = {"reports": report_rows, "manifest_csv": csv_row}
            out.write("\n],\n" + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
    renamed = sum(entry.name != entry.source for entry in files)
    return ArchiveSummary(len(files), total, renamed)


class _Member:
    """A text member of the archive written piece by piece, hashed on the way."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive, self.name = archive, name
        self.digest = hashlib.sha256()
        self.size = 0
        self.row: dict[str, object] = {}

    def __enter__(self) -> _Member:
        self.stream = self.archive.open(_info(self.name), "w")
        return self

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.digest.update(data)
        self.size += len(data)
        self.stream.write(data)

    def __exit__(self, *exc: object) -> None:
        self.stream.close()
        self.row = {"path": self.name, "size": self.size, "sha256": self.digest.hexdigest()}


def _copy(archive: zipfile.ZipFile, name: str, stream: IO[bytes], size: int) -> tuple[str, int]:
    """Stream into the archive, hashing on the way; the SHA-256 and the bytes copied."""
    info = _info(name)
    info.file_size = size  # lets zipfile choose ZIP64 up front for a file over 2 GiB
    digest = hashlib.sha256()
    copied = 0
    with archive.open(info, "w") as target:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            copied += len(chunk)
            target.write(chunk)
    return digest.hexdigest(), copied


def _put(archive: zipfile.ZipFile, name: str, data: bytes) -> dict[str, object]:
    digest, size = _copy(archive, name, io.BytesIO(data), len(data))
    return {"path": name, "size": size, "sha256": digest}


def _reproducible(docx: bytes) -> bytes:
    """A DOCX is a zip whose entries carry the time it was saved; set them to the fixed time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            info.create_system = 3
            info.external_attr = FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item))
    return out.getvalue()


def _uses(entry: Entry, status_text: dict) -> list[dict[str, object]]:
    return [
        {
            "document": part.document,
            "document_title": part.document_title,
            "section": part.section,
            "unit": part.unit,
            "unit_name": part.unit_name,
            "status": part.status.value,
            "status_text": status_text[part.status],
        }
        for part in entry.uses
    ]


def _file_json(entry: Entry, status_text: dict) -> dict[str, object]:
    row: dict[str, object] = {"path": entry.name}
    if entry.name != entry.source:
        row["original_path"] = entry.source
    row.update(size=entry.size, sha256=entry.sha256, uses=_uses(entry, status_text))
    return row


CSV_COLUMNS = (
    "path",
    "original_path",
    "size",
    "sha256",
    "document",
    "unit",
    "unit_name",
    "status",
    "status_text",
)
# manifest.csv is opened in Excel by the office and the assessors: Thai headers, each stable code
# (document, unit, status) kept in a column of its own; manifest.json keeps the English keys.
CSV_HEADERS_TH = (
    "ไฟล์",
    "ชื่อไฟล์เดิม",
    "ขนาด (ไบต์)",
    "SHA-256",
    "ข้อ",
    "รหัสหน่วยงาน",
    "หน่วยงาน",
    "รหัสสถานะ",
    "สถานะ",
)


def _manifest_csv(out: _Member, files: list[Entry], reports: list[dict[str, object]], status_text: dict) -> None:
    """One row per file and requirement it serves. With a BOM, so Excel on Thai Windows reads UTF-8."""
    buffer = io.StringIO()
    writer = csvcells.writer(buffer, lineterminator="\r\n")
    out.write("\ufeff")
    writer.writerow(CSV_HEADERS_TH)
    for entry in files:
        original = entry.source if entry.name != entry.source else ""
        for use in _uses(entry, status_text):
            use_columns = [use["document"], use["unit"] or "", use["unit_name"] or ""]
            use_columns += [use["status"], use["status_text"]]
            writer.writerow((entry.name, original, entry.size, entry.sha256, *use_columns))
        if buffer.tell() > CHUNK:
            out.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    for report in reports:
        writer.writerow((report["path"], "", report["size"], report["sha256"], "", "", "", "report", "รายงาน"))
    out.write(buffer.getvalue())


# --- verify ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    checked: int
    differences: list[str]


def verify(path: Path) -> Verification:
    """Re-hash every file of an archive against its manifest; say what differs, in the person's language.
    The manifest's rows are taken one at a time: a national archive lists 400,000 files."""
    from ..outputs.terminal import shown_name

    not_zip = _("{path} ไม่ใช่ไฟล์ zip เลือกไฟล์ .zip ที่ itapack bundle สร้าง").format(path=path)
    with bounded.open_zip(path, str(path), bounded.VERIFY_ZIP, not_zip=not_zip) as archive:
        differences = [
            _("{name}: มีในไฟล์ zip {times} ครั้ง (ชื่อซ้ำ) แต่ละโปรแกรมแตกไฟล์ได้ต่างกัน").format(
                name=shown_name(name), times=times
            )
            for name, times in _twice(archive)
        ]
        listed: set[str] = set()
        for row in _read_manifest(archive, path):
            if row.path in listed:
                continue
            listed.add(row.path)
            info = bounded.member_named(archive, row.path)
            shown = shown_name(row.path)
            if info is None or info.is_dir():
                differences.append(_("{name}: ไม่มีในไฟล์ zip แต่มีในบัญชีรายการ").format(name=shown))
                continue
            size, digest, broken = _hash_member(archive, info, path)
            if broken:
                damaged = _("{name}: ข้อมูลในไฟล์ zip เสียหายหรือถูกแก้ไข ({error})")
                differences.append(damaged.format(name=shown, error=broken))
            elif size != row.size:
                differences.append(
                    _("{name}: ขนาด {size} ไบต์ ไม่ตรงกับบัญชีรายการ ({listed} ไบต์)").format(
                        name=shown, size=f"{size:,}", listed=row.size
                    )
                )
            elif digest != row.sha256:
                differences.append(_("{name}: เนื้อไฟล์ถูกแก้ไข (ค่า SHA-256 ไม่ตรงกับบัญชีรายการ)").format(name=shown))
        extra = {info.filename for info in archive.infolist() if not info.is_dir()} - listed - {MANIFEST_JSON}
        for name in sorted(extra):
            differences.append(_("{name}: มีในไฟล์ zip แต่ไม่มีในบัญชีรายการ").format(name=shown_name(name)))
    return Verification(len(listed), differences)


def _twice(archive: zipfile.ZipFile) -> list[tuple[str, int]]:
    """Names that stand in the zip more than once, wherever they stand: an unzipper keeps one of
    them, and which one depends on the tool. zipfile's own index keeps one per name, so the two
    counts differ exactly when there are some."""
    members = archive.infolist()
    if len(members) == len(archive.NameToInfo):
        return []
    counted = Counter(info.filename for info in members)
    return sorted((name, times) for name, times in counted.items() if times > 1)


class Listed(NamedTuple):
    """What the manifest says of one member: all verify needs of a row, kept small."""

    path: str
    size: object
    sha256: object


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> Iterator[Listed]:
    """Every row the manifest lists (files, reports, manifest.csv). As write() lays it out, one
    file a line, it is read line by line: parsed whole, a national manifest (200 MB) takes over a
    gigabyte. Laid out otherwise (edited, pretty-printed), it is read whole, within bounds."""
    info = bounded.member_named(archive, MANIFEST_JSON)
    if info is None:
        raise InputError(
            _("{path} ไม่มี {manifest}: ไม่ใช่ไฟล์ที่ itapack bundle สร้าง").format(path=path, manifest=MANIFEST_JSON)
        )
    if info.file_size > MANIFEST_LIMIT:
        bounded.read_member(archive, info, str(path), MANIFEST_LIMIT)  # says how much too big
    shown = f"{path}/{MANIFEST_JSON}"
    with contextlib.closing(_lines(archive, info, path)) as lines:
        if next(lines, b"").startswith(OWN_HEAD) and next(lines, b"") == b'"files": [':
            yield from _rows_as_written(lines, shown, path)
            return
    whole = bounded.read_member(archive, info, str(path), MANIFEST_LIMIT)
    manifest = bounded.load_json(whole, shown)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(
            _("{path}: {manifest} ไม่ใช่บัญชีรายการของ itapack bundle").format(path=path, manifest=MANIFEST_JSON)
        )
    yield from _manifest_rows(manifest, path)


def _lines(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> Iterator[bytes]:
    """The member's lines; one past LINE_LIMIT ends them (the caller then reads the whole)."""
    rest = b""
    for chunk in bounded.member_chunks(archive, info, str(path)):
        *whole, rest = (rest + chunk).split(b"\n")
        yield from whole
        if len(rest) > LINE_LIMIT:
            return
    if rest:
        yield rest


def _rows_as_written(lines: Iterator[bytes], shown: str, path: Path) -> Iterator[Listed]:
    """The rows after '"files": [', one a line, then those of the tail (reports, manifest.csv)."""
    for line in lines:
        if line == b"],":
            break
        if not line:  # an archive of no files: "[", an empty line, "],"
            continue
        row = bounded.load_json(line.removesuffix(b","), shown)
        if not isinstance(row, dict) or not isinstance(row.get("path"), str):
            raise _odd_manifest(path)
        yield Listed(row["path"], row.get("size"), row.get("sha256"))
    else:
        raise _odd_manifest(path)
    tail = bounded.load_json(b"{" + b"\n".join(lines), shown)
    if not isinstance(tail, dict):
        raise _odd_manifest(path)
    yield from _manifest_rows({"files": [], **tail}, path)


def _odd_manifest(path: Path) -> InputError:
    return InputError(
        _("{path}: {manifest} มีรูปแบบผิดจากที่ itapack bundle เขียน (files, reports, manifest_csv)").format(
            path=path, manifest=MANIFEST_JSON
        )
    )


def _manifest_rows(manifest: dict, path: Path) -> list[Listed]:
    """Every row the manifest lists (files, reports, manifest.csv), each with a text path; an odd
    shape is refused rather than half-read."""
    files, reports, csv_row = manifest.get("files", []), manifest.get("reports", []), manifest.get("manifest_csv")
    rows = [*files, *reports, csv_row] if isinstance(files, list) and isinstance(reports, list) else None
    if rows is None or not all(isinstance(row, dict) and isinstance(row.get("path"), str) for row in rows):
        raise _odd_manifest(path)
    return [Listed(row["path"], row.get("size"), row.get("sha256")) for row in rows]


def _hash_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> tuple[int, str, str]:
    digest = hashlib.sha256()
    size = 0
    try:
        for chunk in bounded.member_chunks(archive, info, str(path)):
            digest.update(chunk)
            size += len(chunk)
    except bounded.MemberError as error:
        return size, "", error.reason
    return size, digest.hexdigest(), ""


def is_own_archive(path: Path) -> bool:
    """Does manifest.json begin as write() begins it? Only its first piece is read: a national
    manifest is 200 MB, and parsed whole it would take a gigabyte to answer yes."""
    try:
        with bounded.open_zip(path, str(path), bounded.PEEK) as archive:
            info = bounded.member_named(archive, MANIFEST_JSON)
            if info is None:
                return False
            with contextlib.closing(bounded.member_chunks(archive, info, str(path))) as pieces:
                head = next(pieces, b"")
    except InputError:
        return False
    return head.startswith(OWN_HEAD)
