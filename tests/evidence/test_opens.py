"""A file counts only if it opens as what its name says: evidence/opens.py, through the scan."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from itapack.evidence import opens, reading

from ..conftest import DOCX, JPG, PDF, itapack_process, office_file, pdf_file, run_check, word_file, write_pack

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def read(tmp_path: Path, name: str, content: bytes) -> reading.ScannedFile:
    """What the scan makes of one file: read_file() is what every file of the tree goes through."""
    path = tmp_path / name
    path.write_bytes(content)
    return reading.read_file(name, name, None, str(path))


def flaw(tmp_path: Path, name: str, content: bytes) -> str | None:
    return read(tmp_path, name, content).flaw


def docx() -> bytes:
    return word_file("คำรับรองการปฏิบัติราชการ ปี ๒๕๖๗")


def xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "ผลการประเมิน"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fpdf_file() -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica")
    document.cell(text="ITA 2567")
    return bytes(document.output())


def pypdf_file() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image(kind: str, size: tuple[int, int] = (3, 2), **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, kind, **options)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("รูป/ภาพ.txt", "ไม่ใช่เอกสาร Word")
    return out.getvalue()


def ole_file() -> bytes:
    """The smallest compound file: header, one allocation-table sector, one directory sector."""
    free, end, fat = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    table = struct.pack("<II", fat, end) + struct.pack("<I", free) * 126
    name = "Root Entry".encode("utf-16-le") + b"\x00\x00"
    root = name.ljust(64, b"\x00") + struct.pack("<HBB", len(name), 5, 1) + struct.pack("<III", free, free, free)
    root = root.ljust(116, b"\x00") + struct.pack("<II", end, 0) + bytes(4)
    return header + table + root + bytes(128 * 3)


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def streamed_pdf(indirect_length: bool = False) -> bytes:
    """PDF 1.5 as Acrobat and Ghostscript write it: catalogue and page tree inside a compressed
    object stream, found through a compressed cross-reference stream with the 'up' predictor; the
    object stream's length given directly, or in an object of its own."""
    inside = [CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    numbers = b"1 0 2 %d " % (len(inside[0]) + 1)
    packed = numbers + b" ".join(inside)
    data = zlib.compress(packed)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    page_at = len(out)
    out += b"3 0 obj\n" + PAGE + b"\nendobj\n"
    length_at = len(out)
    out += b"6 0 obj\n%d\nendobj\n" % len(data)
    stream_at = len(out)
    length = b"6 0 R" if indirect_length else b"%d" % len(data)
    out += b"4 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %s >>\nstream\n" % (
        len(numbers),
        length,
    )
    out += data + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = [(0, 0, 0), (2, 4, 0), (2, 4, 1), (1, page_at, 0), (1, stream_at, 0), (1, xref_at, 0), (1, length_at, 0)]
    raw, previous = b"", bytes(6)
    for row in rows:
        line = struct.pack(">BIB", *row)
        raw += b"\x02" + bytes((a - b) & 0xFF for a, b in zip(line, previous, strict=True))
        previous = line
    table = zlib.compress(raw)
    out += (
        b"5 0 obj\n<< /Type /XRef /Size 7 /W [1 4 1] /Root 1 0 R /Filter /FlateDecode "
        b"/DecodeParms << /Predictor 12 /Columns 6 >> /Length %d >>\nstream\n" % len(table)
    )
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


# --- what used to count, and must not ----------------------------------------------------------

STUBS = {
    "half.docx": DOCX[: len(DOCX) // 2],
    "stub.docx": b"PK\x03\x04\x14\x00\x00\x00",  # 8 bytes
    "stub.xlsx": b"PK\x03\x04" + b"\x00" * 26,
    "stub.pptx": b"PK\x03\x04" + b"\x00" * 26,
    "zip.docx": plain_zip(),  # a zip, but no Word document inside
    "stub.jpg": JPG[:8],
    "nine.pdf": b"%PDF-1.4\n",
    "half.pdf": PDF[: len(PDF) // 2],
}


@pytest.mark.parametrize("name", sorted(STUBS))
def test_each_stub_is_a_broken_file(tmp_path: Path, name: str) -> None:
    assert flaw(tmp_path, name, STUBS[name]) == "broken"


def test_stubs_are_problems_with_a_stable_code_and_a_thai_reason(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ มอบหมาย": STUBS})
    requirement = next(d for d in run_check(pack).documents if d.id == "1.1").requirements[0]
    assert requirement.status == "problem"
    assert requirement.files == ()
    assert sorted((r.path.rsplit("/", 1)[-1], r.reason) for r in requirement.rejected) == [
        (name, "broken") for name in sorted(STUBS)
    ]

    code, out, _ = itapack_process("check", pack, "--format", "json")
    assert code == 1
    listed = json.loads(out)
    rejected = [r for d in listed["documents"] if d["id"] == "1.1" for q in d["requirements"] for r in q["rejected"]]
    assert {r["reason"] for r in rejected} == {"broken"}
    assert {r["message"] for r in rejected} == {"ไฟล์เสียหรือไม่ครบ เปิดไม่ได้ — ขอไฟล์ใหม่จากหน่วยงาน"}
    code, text, _ = itapack_process("check", pack)
    assert code == 1
    assert "nine.pdf" in text and "ไฟล์เสียหรือไม่ครบ เปิดไม่ได้" in text
    assert "ที่จริงเป็น pdf" not in text  # the old message contradicted itself


def test_the_reason_in_english(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ": {"nine.pdf": b"%PDF-1.4\n"}})
    code, out, _ = itapack_process("--lang", "en", "check", pack, "--format", "json")
    assert code == 1
    rejected = [r for d in json.loads(out)["documents"] for q in d["requirements"] for r in q["rejected"]]
    assert [r["message"] for r in rejected] == [
        "the file is damaged or incomplete and does not open — ask the unit for a new copy"
    ]


def test_another_kind_altogether_is_still_content_with_what_it_is(tmp_path: Path) -> None:
    found = read(tmp_path, "รายงาน.docx", PDF)
    assert (found.flaw, found.detail) == ("content", "pdf")


# --- real files stay evidence ------------------------------------------------------------------

REAL = {
    "python-docx.docx": docx,
    "openpyxl.xlsx": xlsx,
    "slides.pptx": lambda: office_file("ppt/presentation.xml", b"<p:presentation xmlns:p='urn:p'/>"),
    "writer.odt": lambda: office_file("content.xml", b"<office:document-content xmlns:office='urn:o'/>"),
    "calc.ods": lambda: office_file("content.xml", b"<office:document-content xmlns:office='urn:o'/>"),
    "named-otherwise.docx": lambda: _renamed_main_part(),
    "archive.zip": plain_zip,
    "fpdf2.pdf": fpdf_file,
    "pypdf.pdf": pypdf_file,
    "streams.pdf": streamed_pdf,
    "hand.pdf": lambda: PDF,
    "photo.jpg": lambda: image("JPEG"),
    "photo.jpeg": lambda: image("JPEG", (640, 480)),
    "scan.png": lambda: image("PNG"),
    "anim.gif": lambda: image("GIF"),
    "scan.tif": lambda: image("TIFF"),
    "scan.tiff": lambda: image("TIFF", (5, 7), compression="tiff_deflate"),
    "lossy.webp": lambda: image("WEBP"),
    "lossless.webp": lambda: image("WEBP", lossless=True),
    "old.doc": ole_file,
    "old.xls": ole_file,
}


def _renamed_main_part() -> bytes:
    """A writer may put the main part elsewhere: _rels/.rels says where."""
    out = io.BytesIO()
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="/word/document2.xml"/></Relationships>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document2.xml", "<w:document xmlns:w='urn:w'><w:body/></w:document>")
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_real_file_of_each_kind_opens(tmp_path: Path, name: str) -> None:
    assert flaw(tmp_path, name, REAL[name]()) is None


def test_real_files_count_in_a_check(tmp_path: Path) -> None:
    files = {"คำรับรอง.docx": docx(), "ผล.xlsx": xlsx(), "หนังสือ.pdf": fpdf_file(), "ภาพ.jpg": image("JPEG")}
    pack = write_pack(tmp_path / "pack", evidence={"1.1 บันทึกข้อความ": files})
    requirement = next(d for d in run_check(pack).documents if d.id == "1.1").requirements[0]
    assert requirement.status == "ok"
    assert sorted(f.name for f in requirement.files) == sorted(files)


def test_compressed_cross_references_are_read_without_pypdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(source: opens.Source) -> bool:
        raise AssertionError("the short reading should have followed this PDF")

    monkeypatch.setattr(opens, "_pypdf", refused)
    for name, content in (
        ("streams.pdf", streamed_pdf()),
        ("length.pdf", streamed_pdf(indirect_length=True)),
        ("fpdf2.pdf", fpdf_file()),
        ("a.pdf", PDF),
    ):
        assert flaw(tmp_path, name, content) is None


def test_a_cross_reference_off_by_some_bytes_is_repaired_by_pypdf(tmp_path: Path) -> None:
    shifted = PDF.replace(b"%PDF-1.4\n", b"%PDF-1.4\n\n\n\n", 1)  # every object 3 bytes past its offset
    assert flaw(tmp_path, "shifted.pdf", shifted) is None
    no_pages = shifted.replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0")
    assert flaw(tmp_path, "empty.pdf", no_pages) == "broken"


# --- limits: a bomb is a broken file, not a hang -----------------------------------------------


@pytest.mark.parametrize(
    "pages",
    [
        b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>",  # absurd page count
        b"<< /Type /Pages /Kids [] /Count 0 >>",  # no page at all
    ],
)
def test_a_pdf_with_an_absurd_or_no_page_count_is_broken(tmp_path: Path, pages: bytes) -> None:
    assert flaw(tmp_path, "count.pdf", pdf_file(CATALOG, pages, PAGE)) == "broken"


def test_a_pdf_with_absurd_object_numbers_is_broken(tmp_path: Path) -> None:
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    far_root = pdf_file(CATALOG, pages, PAGE, root=987654321)
    assert flaw(tmp_path, "root.pdf", far_root) == "broken"
    huge_table = PDF.replace(b"xref\n0 4\n", b"xref\n0 4000000000\n")
    assert flaw(tmp_path, "table.pdf", huge_table) == "broken"


def test_a_zip_bomb_is_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opens, "MAX_PART", 1 << 20)
    body = b"<w:document xmlns:w='urn:w'>" + b" " * (2 << 20) + b"</w:document>"
    assert len(office_file(xml=body)) < 10_000  # two megabytes of spaces pack into a few kilobytes
    assert flaw(tmp_path, "bomb.docx", office_file(xml=body)) == "broken"
    monkeypatch.setattr(opens, "MAX_MEMBERS", 1)
    assert flaw(tmp_path, "members.docx", DOCX) == "broken"


def test_a_main_part_whose_header_lies_about_its_size_is_broken(tmp_path: Path) -> None:
    body = b"<w:document xmlns:w='urn:w'>" + b" " * 100_000 + b"</w:document>"
    content = bytearray(office_file(xml=body))
    real = struct.pack("<I", len(body) + len(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'))
    assert content.count(real) == 2  # in its local header and in the central directory
    content[:] = content.replace(real, struct.pack("<I", 200))
    assert flaw(tmp_path, "lies.docx", bytes(content)) == "broken"


def test_an_xml_bomb_in_the_main_part_is_broken(tmp_path: Path) -> None:
    laughs = b'<!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    assert flaw(tmp_path, "laughs.docx", office_file(xml=laughs)) == "broken"
    assert flaw(tmp_path, "torn.docx", office_file(xml=b"<w:document><w:body>")) == "broken"


def test_an_image_bomb_or_an_image_without_size_is_broken(tmp_path: Path) -> None:
    assert flaw(tmp_path, "huge.png", png(100_000, 100_000)) == "broken"
    assert flaw(tmp_path, "ok.png", png(2, 2)) is None
    assert flaw(tmp_path, "cut.png", image("PNG", (40, 40))[:-20]) == "broken"  # no IEND: cut short
    no_width = bytearray(image("JPEG"))
    frame = no_width.index(b"\xff\xc0")
    no_width[frame + 7 : frame + 9] = b"\x00\x00"
    assert flaw(tmp_path, "flat.jpg", bytes(no_width)) == "broken"
    webp = image("WEBP", (30, 30))
    assert flaw(tmp_path, "cut.webp", webp[: len(webp) - 10]) == "broken"  # shorter than its RIFF header says


def test_an_ole_file_cut_short_or_with_a_bad_header_is_broken(tmp_path: Path) -> None:
    whole = ole_file()
    assert flaw(tmp_path, "cut.doc", whole[:600]) == "broken"  # its directory sector is gone
    wrong_order = whole[:28] + b"\xff\xfe" + whole[30:]
    assert flaw(tmp_path, "order.xls", wrong_order) == "broken"


def test_a_big_file_is_read_where_its_kind_keeps_what_is_needed(tmp_path: Path) -> None:
    """A 3 MB PDF: its trailer, table and two objects, a few kilobytes all told."""
    padding = b"<< /Length 3000000 >>\nstream\n" + b"x" * 3_000_000 + b"\nendstream"
    content = pdf_file(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE, padding)
    path = tmp_path / "big.pdf"
    path.write_bytes(content)
    import os

    handle = os.open(path, os.O_RDONLY)
    try:
        head = os.read(handle, 1024)
        source = opens.Source(handle, len(content), head)
        assert opens.opens("pdf", source)
        assert 0 < source.spent < 20_000
    finally:
        os.close(handle)
