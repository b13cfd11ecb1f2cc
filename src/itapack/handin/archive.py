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
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple

from .. import bounded
from ..errors import InputError
from ..evidence.result import Evidence, Status
from ..i18n import N_, _, in_thai
from ..outputs import csvcells
from ..safety import Changed
from . import copier
from .plan import Part
from .treeopen import TreeFiles
from .zipstream import Spooled, ZipStream

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
# The manifests are deflated at zlib's level 1: a national manifest.json (223 MB of text) in
# 0.24 s instead of 0.70 s at the default 6, to the same 3 MB; both manifests' 1.1 s came after
# the copy, with nothing beside it.
MANIFEST_LEVEL = 1
LINE_LIMIT = 64 << 20  # bytes of one manifest line as write() writes it: a file and every use of it
# Already compressed: deflating them again costs time and saves nothing.
STORED = frozenset(
    {"pdf", "jpg", "jpeg", "png", "gif", "zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "mp4", "heic"}
)

_RESERVED_CHARS = re.compile(r'[<>:"|?*\\\x00-\x1f]')
_RESERVED_NAMES = re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")


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


@dataclass
class Listing:
    """Every evidence file once, in archive order, kept small: a national archive lists 394,412
    files, and each byte kept per file is 0.4 MB. A file's path is made again when it is needed."""

    files: list[Evidence]  # as the parts list them, duplicates included
    order: array[int]  # indices into files: each file once, in archive order
    first_use: array[int]  # per file: the index of the part that lists it
    more_uses: dict[int, list[int]]  # file index -> the other parts that list the same file (rare)
    renamed: dict[int, str]  # file index -> its name in the archive, when that is not its path (rare)

    def name(self, index: int) -> str:
        return self.source_and_name(index)[1]

    def source_and_name(self, index: int) -> tuple[str, str]:
        """The file's path in the pack and its name in the archive (the same, but for a few)."""
        source = self.files[index].path
        return source, self.renamed.get(index) or source

    def uses(self, index: int) -> list[int]:
        return [self.first_use[index], *self.more_uses.get(index, ())]


def listing(parts: list[Part]) -> Listing:
    """Each evidence file once with every requirement it serves, in the order of its name in the
    archive: plain code-point order, deterministic on every OS (a file manager sorts what it
    shows anyway)."""
    files: list[Evidence] = []
    first_use = array("q")
    for index, part in enumerate(parts):
        files += part.files
        first_use.extend([index] * len(part.files))
    # Every path, made once for the sort, the duplicates and the Windows names; they live only
    # while the listing is made, as the sort's keys alone would.
    paths = [folder + name for folder, name, _size in files]  # Evidence.path, without a call per file
    by_path = sorted(range(len(files)), key=paths.__getitem__)
    order = array("q")
    more_uses: dict[int, list[int]] = {}
    previous = ""
    for index in by_path:
        path = paths[index]
        if path == previous:  # one file serving several requirements: one member, every use listed
            more_uses.setdefault(order[-1], []).append(first_use[index])
            continue
        order.append(index)
        previous = path
    del by_path
    renamed = _windows_names(paths, order)
    if renamed:
        order = array("q", sorted(order, key=lambda i: renamed.get(i) or paths[i]))
    return Listing(files, order, first_use, more_uses, renamed)


def _windows_names(paths: list[str], order: array[int]) -> dict[int, str]:
    """The files whose path is not their name in the archive: not safe to extract on Windows, or
    equal to another's but for case (Windows compares names without case). Which of two such
    keeps its name is decided in path order, as before; a hash of each name stands in for the
    name while looking, and only names of equal hash are looked at again."""
    renamed: dict[int, str] = {}
    # A file named as a manifest is renamed too: its hash is taken as seen already
    hashes: set[int] = {hash(MANIFEST_JSON), hash(MANIFEST_CSV)}
    clashing: set[int] = set()
    keys = array("q")  # per file in order: its name's hash, so that the second pass folds no case again
    unsafe: dict[str, bool] = {}  # the folders' parts seen: a unit's folder is in each of its files' paths
    for index in order:
        path = paths[index]
        name = windows_safe(path) if len(path) > PATH_LIMIT or _unsafe_parts(path, unsafe) else path
        if name != path:
            renamed[index] = name
        key = hash(name.casefold())
        keys.append(key)
        (clashing if key in hashes else hashes).add(key)
    del hashes, unsafe
    taken: set[str] = {MANIFEST_JSON, MANIFEST_CSV}
    for position, index in enumerate(order):
        if keys[position] not in clashing:
            continue
        name = renamed.get(index) or paths[index]
        folded = name.casefold()
        if folded in taken:
            stem, dot, extension = name.rpartition(".")
            name = f"{stem or extension}~{_digest(paths[index])[:8]}{dot}{extension if stem else ''}"
            renamed[index] = name
        taken.add(name.casefold())
    return renamed


KNOWN_PARTS = 1 << 16  # parts whose verdict _unsafe_parts keeps: a tree of unique names stays bounded


def _unsafe_parts(path: str, known: dict[str, bool]) -> bool:
    """Would windows_safe() change a part of path? Asked one part at a time, each part once: one
    pattern over the whole path cost 3.5 µs a path, 1.4 s of a national bundle (0.2 s so)."""
    for part in path.split("/"):
        unsafe = known.get(part)
        if unsafe is None:
            if len(known) >= KNOWN_PARTS:
                known.clear()
            unsafe = known[part] = _unsafe_part(part)
        if unsafe:
            return True
    return False


def _unsafe_part(part: str) -> bool:
    return (
        not part
        or part.endswith((" ", "."))
        or _RESERVED_CHARS.search(part) is not None
        or _RESERVED_NAMES.fullmatch(part) is not None
    )


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
    """Write the archive to a seekable binary stream: each evidence file read once (copied and
    hashed together), its manifest rows written to a temporary file as it goes, so that what
    is kept per file is a few bytes; the manifests follow the files."""
    from ..outputs.wording import STATUS

    listed = listing(parts)
    total = 0
    with (
        TreeFiles(pack_root) as tree,
        ZipStream(target, date_time=FIXED_TIME, mode=FILE_MODE) as archive,
        _Manifest(MANIFEST_CSV) as csv_out,
        _Manifest(MANIFEST_JSON) as json_out,
    ):
        # The manifests are made as the files go in: one row per file and requirement it serves in
        # manifest.csv, with a BOM so that Excel on Thai Windows reads UTF-8; one per file in manifest.json.
        csv_out.write("\ufeff" + _csv_text([CSV_HEADERS_TH]))
        head = {"format": FORMAT, "version": VERSION, "pack": pack_facts}
        json_out.write(json.dumps(head, ensure_ascii=False)[:-1] + ',\n"files": [\n')
        rows = _FileRows(parts, STATUS, csv_out, json_out)
        order, files, renamed = listed.order, listed.files, listed.renamed

        def copy(position: int) -> tuple[int, str]:  # Listing.source_and_name, spelt out: the copier's every file
            index = order[position]
            folder, file_name, size = files[index]
            source = folder + file_name
            return _copy_evidence(archive, tree, source, renamed.get(index) or source, size)

        def named(position: int) -> tuple[str, bool]:
            name = listed.name(order[position])
            return name, _compressed(name)

        # On two processors a forked copier writes the members while this process makes their rows.
        if copier.wanted(len(order)):
            copied = copier.copies(archive, len(order), copy, named)
        else:
            copied = map(copy, range(len(order)))
        for position, (size, sha256) in enumerate(copied):  # to its end: the copier hands the archive back there
            index = order[position]
            total += size
            source, name = listed.source_and_name(index)
            rows.add(listed, index, name, source, size, sha256)
        report_rows = []
        for report in sorted(reports, key=lambda p: p.name):
            name = f"{REPORTS_FOLDER}/{report.name}"
            data = _reproducible(report.read_bytes()) if report.suffix == ".docx" else report.read_bytes()
            digest, size = archive.add(name, io.BytesIO(data), len(data), compress=_compressed(name))
            report_rows.append({"path": name, "size": size, "sha256": digest})
        csv_out.write(
            _csv_text((r["path"], "", r["size"], r["sha256"], "", "", "", "report", "รายงาน") for r in report_rows)
        )
        csv_row = csv_out.put(archive)
        tail = {"reports": report_rows, "manifest_csv": csv_row}
        json_out.write("\n],\n" + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
        json_out.put(archive)
    return ArchiveSummary(len(listed.order), total, len(listed.renamed))


class _FileRows:
    """Each file's rows in manifest.csv and manifest.json, 400,000 of them nationally, as text made
    from pieces encoded once: a use's document and status once per document and status, its unit
    once per unit. Only the path, the size and the SHA-256 are new in each row. The JSON is what
    json.dumps writes, the CSV what csv.writer writes of the neutralised cells (tests): a
    JSONEncoder call per row was 2 s of a national bundle, and csv.writer's writerow 1 s more."""

    def __init__(self, parts: list[Part], status_text: dict, csv_rows: IO[str], json_rows: IO[str]) -> None:
        self.parts, self.status_text = parts, status_text
        self.csv_rows, self.json_rows = csv_rows, json_rows
        self.documents: dict[tuple[str, Status], tuple[str, str, str, str]] = {}
        self.units: dict[tuple[str | None, str | None], tuple[str, str]] = {}
        self.count = 0

    def use(self, index: int) -> tuple[str, str]:
        """A use's manifest.csv cells, as text ending the row, and its JSON text, as json.dumps(_use(part))."""
        part = self.parts[index]
        document = self.documents.get((part.document, part.status))
        if document is None:
            use = _use(part, self.status_text)
            document_cell, _, _, *status_cells = map(_csv_cell, _csv_use(use))
            head = (
                f'{{"document": {_STRING(part.document)}, "document_title": {_STRING(part.document_title)}, '
                f'"section": {json.dumps(part.section)}, "unit": '
            )
            tail = f', "status": {_STRING(use["status"])}, "status_text": {_STRING(use["status_text"])}}}'
            document = (document_cell + ",", "," + ",".join(status_cells) + "\r\n", head, tail)
            self.documents[(part.document, part.status)] = document
        unit = self.units.get((part.unit, part.unit_name))
        if unit is None:
            unit_text = f'{_nullable(part.unit)}, "unit_name": {_nullable(part.unit_name)}'
            unit_cells = _csv_cell(part.unit or "") + "," + _csv_cell(part.unit_name or "")
            unit = self.units[(part.unit, part.unit_name)] = (unit_cells, unit_text)
        csv_document, csv_status, head, tail = document
        return csv_document + unit[0] + csv_status, head + unit[1] + tail

    def add(self, listed: Listing, index: int, name: str, source: str, size: int, sha: str) -> None:
        original = source if name != source else ""
        shown = f"{_csv_cell(name)},{_csv_cell(original)},{size!r},{sha},"
        if index not in listed.more_uses:  # a file that serves one requirement: nearly every file
            csv_use, uses = self.use(listed.first_use[index])
            self.csv_rows.write(shown + csv_use)
        else:
            made = [self.use(each) for each in listed.uses(index)]
            self.csv_rows.write("".join(shown + csv_use for csv_use, _ in made))
            uses = ", ".join(use for _, use in made)
        # As json.dumps writes the dict {"path", "original_path"?, "size", "sha256", "uses"}
        path = (
            f'{{"path": {_STRING(name)}, "original_path": {_STRING(original)}'
            if original
            else f'{{"path": {_STRING(name)}'
        )
        text = f'{path}, "size": {size!r}, "sha256": {_STRING(sha)}, "uses": [{uses}]}}'
        self.json_rows.write(text if self.count == 0 else ",\n" + text)
        self.count += 1


def _csv_cell(cell: str) -> str:
    """A text cell as csv.writer writes it (minimal quoting, CRLF between rows), neutralised first."""
    cell = csvcells.neutralised(cell)
    if '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    if "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell + '"'
    return cell


_STRING = json.encoder.encode_basestring  # a str as JSONEncoder(ensure_ascii=False) writes it


def _nullable(text: str | None) -> str:
    return "null" if text is None else _STRING(text)


def _compressed(name: str) -> bool:
    return name.rpartition(".")[2].lower() not in STORED


def _copy_evidence(archive: ZipStream, tree: TreeFiles, source: str, name: str, size: int) -> tuple[int, str]:
    """Copy one evidence file in, as the check measured it (size): its size and SHA-256. A file
    that reads otherwise changed since the check, or is no longer a file, and is refused."""
    try:
        # The file opened is the one inside the pack's folders: a link swapped in since the check
        # cannot put a file from elsewhere into the zip.
        fd = tree.opened(source)
        if fd >= 0:
            try:
                sha256, copied = archive.add_file(name, fd, size, compress=_compressed(name))
            finally:
                os.close(fd)
        else:  # a link, which open_within follows when it stays inside the pack
            with tree.open(source) as stream:
                sha256, copied = archive.add(name, stream, size, compress=_compressed(name))
    except Changed:
        raise InputError(_(CHANGED).format(path=source)) from None
    except OSError as error:
        raise InputError(
            _("อ่านไฟล์ {path} ไม่ได้ ({reason}): ไฟล์ถูกย้ายหรือแก้ไขหลังการตรวจ ให้เรียก itapack bundle ใหม่อีกครั้ง").format(
                path=source, reason=error.strerror
            )
        ) from None
    if copied != size:  # changed since the check, or while being copied: its hash would describe neither
        raise InputError(_(CHANGED).format(path=source))
    return size, sha256


class _Manifest:
    """A manifest member, its text taken a row at a time: gathered to a megabyte, then encoded,
    hashed and deflated aside (zipstream.Spooled), so that nothing but its compressed bytes is
    kept, and put in the archive once its last row is written."""

    def __init__(self, name: str) -> None:
        self.member = Spooled(name, level=MANIFEST_LEVEL)
        self.digest = hashlib.sha256()
        self.pending: list[str] = []
        self.held = 0

    def __enter__(self) -> _Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.member.close()

    def write(self, text: str) -> None:
        self.pending.append(text)
        self.held += len(text)
        if self.held > CHUNK:
            self._flush()

    def _flush(self) -> None:
        data = "".join(self.pending).encode("utf-8")
        self.pending.clear()
        self.held = 0
        self.digest.update(data)
        self.member.write(data)

    def put(self, archive: ZipStream) -> dict[str, object]:
        """Written into the archive; its row in manifest.json."""
        self._flush()
        archive.put(self.member)
        return {"path": self.member.name, "size": self.member.size, "sha256": self.digest.hexdigest()}


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


def _use(part: Part, status_text: dict) -> dict[str, object]:
    return {
        "document": part.document,
        "document_title": part.document_title,
        "section": part.section,
        "unit": part.unit,
        "unit_name": part.unit_name,
        "status": part.status.value,
        "status_text": status_text[part.status],
    }


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


def _csv_use(use: dict[str, object]) -> tuple[object, ...]:
    return (use["document"], use["unit"] or "", use["unit_name"] or "", use["status"], use["status_text"])


def _csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows as manifest.csv holds them: cells Excel would run as formulas neutralised."""
    buffer = io.StringIO()
    writer = csvcells.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


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
