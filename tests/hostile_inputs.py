"""Hostile files a careless or unlucky person could hand itapack, one small function each.

Each takes a folder, writes one bad file into it and returns the file's path, so that a table of
hostile cases can run any of them against any command that reads.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

from .conftest import PDF

MEMBER = "2.1 คำรับรอง อบต.บางน้ำผึ้ง.pdf"


def _zip(folder: Path, name: str, members: dict[str, bytes], method: int = zipfile.ZIP_STORED) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", method) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def zip_with_bad_crc(folder: Path) -> Path:
    """A member whose bytes were changed after its CRC was written: a disk or a download went wrong."""
    body = PDF + b"A" * 200
    path = _zip(folder, "ส่งมา-crc.zip", {MEMBER: body})
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"A" * 200, b"B" * 200))
    return path


def _patched(path: Path, local_offset: int, central_offset: int, value: bytes) -> Path:
    """The same bytes patched at one field of every local and central header."""
    raw = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        start = raw.find(signature)
        while start >= 0:
            raw[start + offset : start + offset + len(value)] = value
            start = raw.find(signature, start + 4)
    path.write_bytes(bytes(raw))
    return path


def flag_encrypted(path: Path, member: str) -> Path:
    """path again, with member alone marked as needing a password (local and central headers)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    raw = bytearray(path.read_bytes())
    name = member.encode("utf-8")
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        if raw[central + 46 : central + 46 + len(name)] == name:
            raw[central + 8] |= 0x1
        central = raw.find(b"PK\x01\x02", central + 4)
    raw[info.header_offset + 6] |= 0x1
    path.write_bytes(bytes(raw))
    return path


def zip_with_encrypted_member(folder: Path) -> Path:
    """A member with the 'needs a password' flag, as a zip made with a password has."""
    path = _zip(folder, "ส่งมา-รหัส.zip", {MEMBER: PDF})
    return _patched(path, 6, 8, struct.pack("<H", 0x1 | 0x800))


def zip_with_aes_member(folder: Path) -> Path:
    """A member stored with WinZip's AES method (99), which Python's zipfile cannot read."""
    path = _zip(folder, "ส่งมา-aes.zip", {MEMBER: PDF})
    return _patched(path, 8, 10, struct.pack("<H", 99))


def zip_bomb(folder: Path) -> Path:
    """8 MB of zeros in about 8 KB: a ratio of about 1,000 (a real one unpacks to terabytes)."""
    return _zip(folder, "ส่งมา-bomb.zip", {MEMBER: PDF + bytes(8 << 20)}, zipfile.ZIP_DEFLATED)


def truncated_zip(folder: Path) -> Path:
    path = _zip(folder, "ส่งมา-ขาด.zip", {MEMBER: PDF * 100})
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    return path


def fifo(folder: Path, name: str = "links.sqlite3") -> Path:
    """A named pipe where a file is expected: opening it for reading blocks until a writer comes."""
    path = folder / name
    os.mkfifo(path)
    return path


def bundle_with_manifest(folder: Path, manifest: bytes, extra: dict[str, bytes] | None = None) -> Path:
    members = {"manifest.json": manifest, **(extra or {})}
    return _zip(folder, "bundle.zip", members, zipfile.ZIP_DEFLATED)


def bundle_with_deep_manifest(folder: Path) -> Path:
    """A manifest nested 100,000 deep: json.loads would die of recursion."""
    return bundle_with_manifest(folder, b"[" * 100_000 + b"]" * 100_000)


def bundle_with_odd_manifest(folder: Path) -> Path:
    """Our format marker, but files is a number: half-reading it would crash on iteration."""
    return bundle_with_manifest(folder, b'{"format": "itapack-bundle", "version": 1, "files": 7}')


def encrypted_bundle(folder: Path) -> Path:
    manifest = b'{"format": "itapack-bundle", "version": 1, "files": [], "reports": [], "manifest_csv": {"path": "x"}}'
    return _patched(bundle_with_manifest(folder, manifest), 6, 8, struct.pack("<H", 0x1 | 0x800))


def pdf_bomb(folder: Path, name: str = "1.1 บันทึก.pdf") -> Path:
    """One page whose content stream inflates to 96 MB, past pypdf's 75 MB: small on disk, ruinous in memory."""
    stream = zlib.compress(b"0 0 m\n" + bytes(96 << 20), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path = folder / name
    path.write_bytes(out.getvalue())
    return path


def _workbook_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ตัวชี้วัด", "คะแนน"])
    for number in range(1, 11):
        sheet.append([str(number), 90.5])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_without_sheets(folder: Path) -> Path:
    """A workbook that lists no sheet, as another program can leave one (Excel itself refuses to)."""
    path = folder / "ผลคะแนน-ว่าง.xlsx"
    with zipfile.ZipFile(io.BytesIO(_workbook_bytes())) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                start, end = data.index(b"<sheets>"), data.index(b"</sheets>") + len(b"</sheets>")
                data = data[:start] + b"<sheets/>" + data[end:]
            target.writestr(info, data)
    return path


def truncated_xlsx(folder: Path) -> Path:
    """A workbook cut off in the middle: a download that stopped, a USB stick pulled out."""
    data = _workbook_bytes()
    path = folder / "ผลคะแนน-ขาด.xlsx"
    path.write_bytes(data[: len(data) * 2 // 3])
    return path
