"""Does a file open as what its name says? Only what a reader of its kind needs is read.

sniff.py tells a file's kind from its first bytes; this module decides whether a file of the right
kind is whole: a PDF with a page a reader finds through its cross-reference table, an Office or
OpenDocument file whose main part is there and parses as XML, an image whose header decodes to real
dimensions, an OLE file (.doc, .xls, .ppt) whose header and directory make sense. A half download,
an 8-byte stub or a plain zip named .docx is not evidence, however right its first bytes.

Cost: a small file (64 KB or less, most evidence folders' junk and every synthetic benchmark file)
is read in one piece; a bigger one is read where its kind keeps what is needed (a PDF's trailer,
cross-reference and page tree, a zip's central directory and main part, an image's header). A PDF
whose structure the short reading cannot follow (a damaged cross-reference a viewer would rebuild,
objects in an encrypted stream) goes to pypdf, imported then and only then.

Every reader has limits (bytes read, zip members and directory size, the main part's size once
decompressed, PDF objects, sections and pages, image pixels): a bomb or an absurd count is a broken
file, decided quickly, never a hang or a MemoryError.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from zipfile import ZipFile, ZipInfo

SMALL = 64 * 1024  # read whole, in one read
TAIL = 1024  # a PDF ends with %%EOF; readers allow some bytes after it, within the last kilobyte
MAX_READ = 64 << 20  # bytes read from one file for its structure
MAX_OBJECT = 10_000_000  # a PDF object number past this is absurd
MAX_PAGES = 100_000
MAX_SECTIONS = 64  # cross-reference sections (incremental updates) followed
MAX_SUBSECTIONS = 4096
MAX_DEPTH = 32  # levels of a PDF page tree walked down to the first page
MAX_STREAM = 16 << 20  # a decompressed cross-reference or object stream
MAX_OBJECT_BYTES = 1 << 20  # one PDF object's dictionary
PYPDF_UP_TO = 64 << 20  # bigger, and a PDF the short reading cannot follow is given the benefit of the doubt
MAX_PIXELS = 2 * 89_478_485  # Pillow's decompression-bomb error threshold
MAX_MEMBERS = 100_000
MAX_DIRECTORY = 32 << 20  # a zip's central directory
MAX_PART = 128 << 20  # a main part, decompressed
MAX_SEGMENTS = 1024  # JPEG marker segments before the frame header

# What an Office Open XML or OpenDocument file cannot be without ("zip": just its directory)
MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
    "odt": "content.xml",
    "ods": "content.xml",
    "zip": "",
}


class Broken(Exception):
    """The file is not whole: a limit was passed, or a part it cannot be without is missing."""


class _Unsure(Exception):
    """The short reading of a PDF cannot follow its structure: pypdf decides."""


class Source:
    """One open file, read by position; a small one is held whole after a single read."""

    __slots__ = ("data", "handle", "size", "spent")

    def __init__(self, handle: int, size: int, head: bytes) -> None:
        self.handle = handle
        self.size = size
        self.spent = 0
        self.data: bytes | None = None
        if len(head) >= size:
            self.data = head
        elif size <= SMALL:
            self.data = head + _pread(handle, size - len(head), len(head))

    def read(self, at: int, length: int) -> bytes:
        if at < 0 or at >= self.size or length <= 0:
            return b""
        if self.data is not None:
            return self.data[at : at + length]
        length = min(length, self.size - at)
        self.spent += length
        if self.spent > MAX_READ:
            raise Broken
        return _pread(self.handle, length, at)

    def stream(self) -> IO[bytes]:
        """A file object over the same file, for a library that wants one (the handle is left open)."""
        return io.BytesIO(self.data) if self.data is not None else os.fdopen(self.handle, "rb", closefd=False)


def _pread(handle: int, length: int, at: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(handle, length, at)
    os.lseek(handle, at, os.SEEK_SET)  # Windows
    return os.read(handle, length)


def opens(kind: str, source: Source) -> bool:
    """True when a file with this extension (its first bytes already of the right kind) is whole.
    OSError from reading passes on: an unreadable file is not a broken one."""
    check = _CHECKS.get(kind)
    if check is None:
        return True
    try:
        return check(source, kind)
    except Broken:
        return False


# --- PDF ---------------------------------------------------------------------------------------

_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_OBJ = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj")
_SUBSECTION = re.compile(rb"\s*(\d+)\s+(\d+)[ \t]*(?:\r\n|\r|\n)")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")


def _ref(key: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"/" + key + rb"\s+(\d+)\s+\d+\s+R\b")


def _number(key: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"/" + key + rb"\s+(-?\d+)(?![\d.])(?!\s+\d+\s+R)")  # a number, not a reference


_ROOT, _PAGES, _PREV, _XREFSTM = _ref(b"Root"), _ref(b"Pages"), _number(b"Prev"), _number(b"XRefStm")
_COUNT, _SIZE, _LENGTH, _FIRST, _N = map(_number, (b"Count", b"Size", b"Length", b"First", b"N"))
_LENGTH_REF = _ref(b"Length")
_PREDICTOR, _COLUMNS = _number(b"Predictor"), _number(b"Columns")
_KIDS = re.compile(rb"/Kids\s*\[\s*(\d+)\s+\d+\s+R")
_W = re.compile(rb"/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]")
_INDEX = re.compile(rb"/Index\s*\[([\d\s]*)\]")
_FILTER = re.compile(rb"/Filter\s*(\[\s*)?/(\w+)")
_XREF_TYPE = re.compile(rb"/Type\s*/XRef\b")


def _pdf(source: Source, kind: str) -> bool:
    size = source.size
    tail = source.read(max(0, size - TAIL), TAIL)
    if b"%%EOF" not in tail:
        return False  # cut short: every writer ends a PDF with %%EOF
    try:
        return _first_page(source, tail)
    except (_Unsure, ValueError, IndexError):  # a structure this reading does not follow: pypdf decides
        return _pypdf(source)


def _first_page(source: Source, tail: bytes) -> bool:
    found = _STARTXREF.findall(tail)
    if not found:
        raise _Unsure
    table = _CrossReference(source)
    table.load(int(found[-1]))  # the last one is the newest
    if table.root is None:
        raise _Unsure
    pages = _PAGES.search(table.object(table.root))
    if pages is None:
        raise _Unsure
    node = table.object(int(pages.group(1)))
    count = _COUNT.search(node)
    if count is None:
        raise _Unsure
    if not 0 < int(count.group(1)) <= MAX_PAGES:
        return False  # no page, or a number no document has
    for _ in range(MAX_DEPTH):
        kid = _KIDS.search(node)
        if kid is None:
            raise _Unsure
        node = table.object(int(kid.group(1)))
        if _KIDS.search(node) is None:
            return True  # a leaf of the page tree: a page
    return False


class _CrossReference:
    """A PDF's cross-reference sections, newest first: tables and streams."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.sections: list[Callable[[int], tuple[int, int, int] | None]] = []
        self.root: int | None = None
        self.streams: dict[int, tuple[bytes, bytes]] = {}  # object streams already decoded

    def load(self, at: int) -> None:
        seen: set[int] = set()
        todo = [at]
        while todo:
            at = todo.pop()
            if at in seen or at >= self.source.size:
                raise _Unsure
            if len(seen) >= MAX_SECTIONS:
                raise Broken
            seen.add(at)
            chunk = self.source.read(at, 4096)
            start = len(chunk) - len(chunk.lstrip())
            if chunk.startswith(b"xref", start):
                trailer = self._table(at + start + 4)
            elif _OBJ.match(chunk):
                trailer = self._stream(at)
            else:
                raise _Unsure
            if self.root is None and (root := _ROOT.search(trailer)):
                self.root = int(root.group(1))
            if prev := _PREV.search(trailer):
                todo.append(int(prev.group(1)))
            if stream := _XREFSTM.search(trailer):  # a hybrid file: its stream comes before /Prev
                todo.append(int(stream.group(1)))

    def _table(self, at: int) -> bytes:
        read = self.source.read
        subsections: list[tuple[int, int, int]] = []
        for _ in range(MAX_SUBSECTIONS):
            line = read(at, 64)
            stripped = line.lstrip()
            if stripped.startswith(b"trailer"):
                trailer = read(at + len(line) - len(stripped), 4096)
                end = trailer.find(b"startxref")
                self.sections.append(lambda number: _in_table(read, subsections, number))
                return trailer if end < 0 else trailer[:end]
            found = _SUBSECTION.match(line)
            if found is None:
                raise _Unsure
            first, count = int(found.group(1)), int(found.group(2))
            if first + count > MAX_OBJECT:
                raise Broken
            subsections.append((first, count, at + found.end()))
            at += found.end() + 20 * count
        raise Broken

    def _stream(self, at: int) -> bytes:
        header, data = self._stream_at(at)
        if not _XREF_TYPE.search(header):
            raise _Unsure
        widths = _W.search(header)
        size = _SIZE.search(header)
        if widths is None or size is None:
            raise _Unsure
        w = tuple(int(x) for x in widths.groups())
        index = _INDEX.search(header)
        numbers = [int(x) for x in index.group(1).split()] if index else [0, int(size.group(1))]
        if len(numbers) % 2 or any(f + c > MAX_OBJECT for f, c in zip(numbers[::2], numbers[1::2], strict=True)):
            raise Broken
        width = sum(w)
        if width == 0 or max(w) > 8:
            raise _Unsure
        spans, row = [], 0
        for first, count in zip(numbers[::2], numbers[1::2], strict=True):
            spans.append((first, count, row))
            row += count
        self.sections.append(lambda number: _in_stream(data, w, width, spans, number))
        return header

    def _stream_at(self, at: int) -> tuple[bytes, bytes]:
        """An indirect stream object's dictionary and its data, decompressed, within limits."""
        chunk = self.source.read(at, 4096)
        keyword = chunk.find(b"stream")
        if not _OBJ.match(chunk) or keyword < 0:
            raise _Unsure
        header = chunk[:keyword]
        length = _LENGTH.search(header)
        if length is not None:
            size = int(length.group(1))
        elif (indirect := _LENGTH_REF.search(header)) is not None:
            found = _COUNT_OR_INT.match(self.object(int(indirect.group(1))))
            if found is None:
                raise _Unsure
            size = int(found.group(1))
        else:
            raise _Unsure
        start = keyword + 6
        start += 2 if chunk[start : start + 2] == b"\r\n" else 1
        if size < 0 or size > MAX_READ:
            raise Broken
        raw = self.source.read(at + start, size)
        name = _FILTER.search(header)
        if name is None:
            data = raw
        elif name.group(2) == b"FlateDecode":
            data = _inflate(raw)
        else:
            raise _Unsure
        if (predictor := _PREDICTOR.search(header)) and int(predictor.group(1)) >= 10:
            columns = _COLUMNS.search(header)
            data = _unpredict(data, int(columns.group(1)) if columns else 1)
        return header, data

    def object(self, number: int) -> bytes:
        """The dictionary (and what else precedes endobj) of object number."""
        if number > MAX_OBJECT:
            raise Broken
        for section in self.sections:
            entry = section(number)
            if entry is not None:
                break
        else:
            raise _Unsure
        kind, where, index = entry
        if kind == 1:
            return self._direct(number, where)
        if kind == 2:
            return self._compressed(number, where, index)
        raise _Unsure  # a free entry where the catalogue or a page should be

    def _direct(self, number: int, at: int) -> bytes:
        chunk = self.source.read(at, 4096)
        found = _OBJ.match(chunk)
        if found is None or int(found.group(1)) != number:
            raise _Unsure  # the offset is off: a viewer would look around, and so does pypdf
        body = chunk[found.end() :]
        while (end := body.find(b"endobj")) < 0 and len(body) < MAX_OBJECT_BYTES:
            more = self.source.read(at + found.end() + len(body), 64 * 1024)
            if not more:
                return body
            body += more
        return body if end < 0 else body[:end]

    def _compressed(self, number: int, stream: int, index: int) -> bytes:
        if stream not in self.streams:
            entry = next((e for s in self.sections if (e := s(stream)) is not None), None)
            if entry is None or entry[0] != 1:
                raise _Unsure
            self.streams[stream] = self._stream_at(entry[1])
        header, data = self.streams[stream]
        first, count = _FIRST.search(header), _N.search(header)
        if first is None or count is None:
            raise _Unsure
        offsets = data[: int(first.group(1))].split()
        pairs = list(zip(offsets[::2], offsets[1::2], strict=False))
        if index >= len(pairs) or int(pairs[index][0]) != number:
            raise _Unsure
        at = int(first.group(1)) + int(pairs[index][1])
        end = int(first.group(1)) + int(pairs[index + 1][1]) if index + 1 < len(pairs) else len(data)
        return data[at:end]


_COUNT_OR_INT = re.compile(rb"\s*(\d+)")


def _in_table(
    read: Callable[[int, int], bytes], subsections: list[tuple[int, int, int]], number: int
) -> tuple[int, int, int] | None:
    for first, count, at in subsections:
        if first <= number < first + count:
            entry = _ENTRY.match(read(at + 20 * (number - first), 20))
            if entry is None:
                raise _Unsure
            return (1 if entry.group(3) == b"n" else 0), int(entry.group(1)), 0
    return None


def _in_stream(
    data: bytes, w: tuple[int, ...], width: int, spans: list[tuple[int, int, int]], number: int
) -> tuple[int, int, int] | None:
    for first, count, row in spans:
        if first <= number < first + count:
            at = (row + number - first) * width
            record = data[at : at + width]
            if len(record) < width:
                raise _Unsure
            kind = int.from_bytes(record[: w[0]], "big") if w[0] else 1
            where = int.from_bytes(record[w[0] : w[0] + w[1]], "big")
            return kind, where, int.from_bytes(record[w[0] + w[1] :], "big")
    return None


def _inflate(raw: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(raw, MAX_STREAM)
    except zlib.error as error:
        raise _Unsure from error  # encrypted, or damaged: pypdf decides
    if inflater.unconsumed_tail:
        raise Broken  # more than any cross-reference or object stream needs: a bomb
    return data


def _unpredict(data: bytes, columns: int) -> bytes:
    """PNG predictors, as cross-reference streams use them (almost always "up")."""
    row, out, previous = columns + 1, bytearray(), bytes(columns)
    for at in range(0, len(data) - row + 1, row):
        kind, line = data[at], bytearray(data[at + 1 : at + row])
        if kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind != 0:
            raise _Unsure
        out += line
        previous = bytes(line)
    return bytes(out)


def _pypdf(source: Source) -> bool:
    """pypdf reads what the short reading could not follow; a huge file is given the benefit of the doubt."""
    if source.size > PYPDF_UP_TO:
        return True
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy PDFs are not ours to show
    try:
        reader = PdfReader(source.stream(), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return True  # a password only its owner has: it opens, for them
        pages = len(reader.pages)
        return 0 < pages <= MAX_PAGES and reader.pages[0] is not None
    except (FileNotDecryptedError, DependencyError):
        return True  # encrypted in a way pypdf cannot read without a library it lacks
    except OSError:
        raise
    except Exception:  # a damaged PDF, whatever pypdf raised about it
        return False


# --- Office Open XML, OpenDocument, zip ---------------------------------------------------------

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_OFFICE_DOCUMENT = re.compile(rb"<Relationship\b[^>]*\bType=\"[^\"]*/officeDocument\"[^>]*>")
_TARGET = re.compile(rb"\bTarget=\"/?([^\"]+)\"")


def _zip(source: Source, kind: str) -> bool:
    members, directory = _end_record(source)
    if members > MAX_MEMBERS or directory > MAX_DIRECTORY:
        return False
    import zipfile

    try:
        with zipfile.ZipFile(source.stream()) as archive:
            main = MAIN_PART[kind]
            if not main:
                return True
            info = archive.NameToInfo.get(main) or _office_document(archive, kind)
            return info is not None and info.file_size <= MAX_PART and _parses(archive, info)
    except OSError:
        raise
    except Exception:  # BadZipFile, a bad CRC, an unknown method, a password: it does not open
        return False


def _end_record(source: Source) -> tuple[int, int]:
    """(members, central directory size) from the end-of-central-directory record."""
    size = source.size
    end = source.read(max(0, size - 22), 22)
    at = 0 if end.startswith(_EOCD) else -1
    if at < 0:  # a comment follows the record: it is in the last 64 KB
        end = source.read(max(0, size - 22 - 65535), 22 + 65535)
        at = end.rfind(_EOCD)
    if at < 0 or len(end) < at + 22:
        raise Broken
    members = int.from_bytes(end[at + 10 : at + 12], "little")
    directory = int.from_bytes(end[at + 12 : at + 16], "little")
    if members == 0xFFFF or directory == 0xFFFFFFFF:  # zip64: the counts are in its own record
        record_at = max(0, size - len(end) + at - 20)
        locator = source.read(record_at, 20)
        if not locator.startswith(_ZIP64_LOCATOR):
            raise Broken
        record = source.read(int.from_bytes(locator[8:16], "little"), 56)
        members = int.from_bytes(record[32:40], "little")
        directory = int.from_bytes(record[40:48], "little")
    return members, directory


def _office_document(archive: ZipFile, kind: str) -> ZipInfo | None:
    """The main part where _rels/.rels says it is, for a writer that names it otherwise."""
    if kind not in ("docx", "xlsx", "pptx"):
        return None
    rels = archive.NameToInfo.get("_rels/.rels")
    if rels is None or rels.file_size > 1 << 20:
        return None
    relationship = _OFFICE_DOCUMENT.search(archive.read(rels))
    target = relationship and _TARGET.search(relationship.group())
    return archive.NameToInfo.get(target.group(1).decode("utf-8", "replace")) if target else None


def _parses(archive: ZipFile, info: ZipInfo) -> bool:
    """The part parses as XML, read in pieces (expat, which refuses a DOCTYPE here: Office never
    writes one, and entity expansion is how an XML bomb works)."""
    from xml.parsers import expat

    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise Broken

    parser.StartDoctypeDeclHandler = doctype
    read = 0
    try:
        with archive.open(info) as part:
            while piece := part.read(1 << 18):
                read += len(piece)
                if read > MAX_PART:
                    return False
                parser.Parse(piece, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        return False
    return True


# --- OLE compound files: .doc, .xls, .ppt ------------------------------------------------------


def _ole(source: Source, kind: str) -> bool:
    header = source.read(0, 512)
    if len(header) < 512 or header[28:30] != b"\xfe\xff":
        return False
    major, shift = int.from_bytes(header[26:28], "little"), int.from_bytes(header[30:32], "little")
    if (major, shift) not in ((3, 9), (4, 12)) or int.from_bytes(header[32:34], "little") != 6:
        return False
    sector = 1 << shift
    sectors = -(-(source.size - sector) // sector)  # after the header; the last may be short
    fat = int.from_bytes(header[44:48], "little")
    directory = int.from_bytes(header[48:52], "little")
    if fat < 1 or directory >= sectors:
        return False
    listed = [int.from_bytes(header[at : at + 4], "little") for at in range(76, 76 + 4 * min(fat, 109), 4)]
    if any(number >= sectors for number in listed):
        return False  # the allocation table lies past the end: the file was cut short
    root = source.read((directory + 1) * sector, 128)
    return root[:20] == "Root Entry".encode("utf-16-le") and root[66:67] == b"\x05"


# --- images ------------------------------------------------------------------------------------

_SOF = frozenset({*range(0xC0, 0xD0)} - {0xC4, 0xC8, 0xCC})  # frame headers; C4 DHT, C8 JPG, CC DAC
_STANDALONE = frozenset({0x01, *range(0xD0, 0xDB)})  # no length; an image or scan starts or ends


def _jpeg(source: Source, kind: str) -> bool:
    at = 2
    for _ in range(MAX_SEGMENTS):
        segment = source.read(at, 10)
        if len(segment) < 4 or segment[0] != 0xFF:
            return False
        marker = segment[1]
        if marker == 0xFF:  # fill bytes before a marker
            at += 1
            continue
        if marker in _STANDALONE or marker == 0:
            return False  # a scan, or the end, before any frame header
        length = int.from_bytes(segment[2:4], "big")
        if marker in _SOF:
            if length < 8 or len(segment) < 9:
                return False
            height, width = int.from_bytes(segment[5:7], "big"), int.from_bytes(segment[7:9], "big")
            return _dimensions(width, height) and at + 2 + length < source.size
        if length < 2:
            return False
        at += 2 + length
    return False


def _png(source: Source, kind: str) -> bool:
    head = source.read(0, 33)
    if len(head) < 33 or head[8:16] != b"\x00\x00\x00\x0dIHDR":
        return False
    if zlib.crc32(head[12:29]) != int.from_bytes(head[29:33], "big"):
        return False
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    # IEND closes every PNG; a download cut short has none in its last kilobyte
    return _dimensions(width, height) and b"IEND\xaeB`\x82" in source.read(max(0, source.size - TAIL), TAIL)


def _gif(source: Source, kind: str) -> bool:
    head = source.read(0, 13 + 768 + 1)
    if len(head) < 14:
        return False
    width, height = int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    palette = 3 << ((head[10] & 7) + 1) if head[10] & 0x80 else 0
    block = head[13 + palette : 14 + palette]
    return _dimensions(width, height) and block in (b"!", b",")  # an extension or an image comes next


def _tiff(source: Source, kind: str) -> bool:
    head = source.read(0, 8)
    order = "little" if head.startswith(b"II") else "big"
    directory = int.from_bytes(head[4:8], order)
    count = int.from_bytes(source.read(directory, 2), order)
    if directory < 8 or not 0 < count <= 4096:
        return False
    entries = source.read(directory + 2, 12 * count)
    found: dict[int, int] = {}
    for at in range(0, len(entries) - 11, 12):
        tag, kind_of = int.from_bytes(entries[at : at + 2], order), int.from_bytes(entries[at + 2 : at + 4], order)
        if tag in (256, 257) and kind_of in (3, 4):
            found[tag] = int.from_bytes(entries[at + 8 : at + (10 if kind_of == 3 else 12)], order)
    return _dimensions(found.get(256, 0), found.get(257, 0))


def _webp(source: Source, kind: str) -> bool:
    head = source.read(0, 30)
    if len(head) < 30 or int.from_bytes(head[4:8], "little") + 8 > source.size:
        return False  # shorter than its RIFF header says: cut short
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = int.from_bytes(head[26:28], "little") & 0x3FFF, int.from_bytes(head[28:30], "little") & 0x3FFF
    elif chunk == b"VP8L" and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    elif chunk == b"VP8X":
        width, height = int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    else:
        return False
    return _dimensions(width, height)


def _dimensions(width: int, height: int) -> bool:
    return width > 0 and height > 0 and width * height <= MAX_PIXELS


_CHECKS: dict[str, Callable[[Source, str], bool]] = {
    "pdf": _pdf,
    **dict.fromkeys(MAIN_PART, _zip),
    **dict.fromkeys(("doc", "xls", "ppt"), _ole),
    **dict.fromkeys(("jpg", "jpeg"), _jpeg),
    "png": _png,
    "gif": _gif,
    **dict.fromkeys(("tif", "tiff"), _tiff),
    "webp": _webp,
}
