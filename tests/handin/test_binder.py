"""The binder PDF, read back the way a reviewer's tools read it: poppler's pdfinfo, pdftotext and
pdffonts, and pypdf for the bookmarks. Needs poppler-utils, LibreOffice and a Thai font; .ci/run
installs them and sets ITAPACK_REQUIRE_RENDER_TOOLS=1, so in CI a missing tool fails."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from itapack.cli import app

from ..conftest import EXAMPLE, pdf_file, word_file, write_pack
from ..outputs.test_rendered_pages import THAI_FONTS, run, squeeze, tool

pytestmark = pytest.mark.render_tools

STAMP = re.compile(r"^(?:(\S+)[ \t]+)?หน้า (\d+)/(\d+)[ \t]*$", re.MULTILINE)


def stamp(text: str) -> tuple[str | None, int, int]:
    """The stamp of a page: its document id (none on the cover and contents), n and m."""
    found = list(STAMP.finditer(text))
    assert found, f"no stamp on this page: {text[-200:]!r}"
    last = found[-1]
    return last.group(1), int(last.group(2)), int(last.group(3))


def bundle(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["bundle", *args])
    return result.exit_code, result.output


def pages_text(pdf: Path) -> list[str]:
    """Each page's text; -raw keeps Thai tone marks in reading order."""
    return run(tool("pdftotext"), "-raw", pdf, "-").split("\f")[:-1]


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def need_thai_font() -> None:
    import os

    from itapack.errors import InputError
    from itapack.handin.binder import find_fonts

    try:
        find_fonts()
    except InputError:
        if os.environ.get("ITAPACK_REQUIRE_RENDER_TOOLS"):
            pytest.fail("no Thai font is installed (CI must install fonts-tlwg-laksaman)")
        pytest.skip("no Thai font is installed")


@pytest.fixture(scope="module")
def example_binder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tool("pdftotext")
    tool("soffice", "libreoffice")
    need_thai_font()
    out = tmp_path_factory.mktemp("binder")
    code, output = bundle(str(EXAMPLE), "--out", str(out), "--format", "pdf", "--date", "2567-09-30")
    assert code == 0, output
    return out / "แฟ้มรวม ITA 2567.pdf"


def test_example_binder_opens_with_every_page_stamped(example_binder: Path) -> None:
    info = run(tool("pdfinfo"), example_binder)
    total = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert "A4" in info
    assert "itapack binder" in info
    texts = pages_text(example_binder)
    assert len(texts) == total
    # 148 counted files of one page each (the DOCX converts to one), after cover and contents.
    stamps = [stamp(text) for text in texts]
    assert len([s for s in stamps if s[0]]) == 148
    assert [(n, m) for _, n, m in stamps] == [(n, total) for n in range(1, total + 1)]
    assert stamps[0][0] is None  # the cover has no document id
    assert stamps[-1][0] == "5.4"


def test_example_cover_and_contents_are_thai(example_binder: Path) -> None:
    texts = pages_text(example_binder)
    cover = squeeze(texts[0])
    for expected in (
        "แฟ้มหลักฐานประกอบการประเมิน",
        "สำนักงานจังหวัดสมุทรปราการ",
        "ประจำปีงบประมาณพ.ศ.2567",
        "ผ่านระดับ3จาก5(เป้าหมายระดับ5)",
        "ข้อมูลณวันที่30กันยายน2567",
        "หลักฐาน148ไฟล์",
    ):
        assert squeeze(expected) in cover
    contents = squeeze("".join(texts[1:8]))
    for expected in ("สารบัญ", "ระดับ5", "3.1คำรับรองการปฏิบัติราชการ", "องค์การบริหารส่วนตำบลบางน้ำผึ้ง", "ภาพ1.jpg"):
        assert squeeze(expected) in contents


def test_contents_page_numbers_lead_to_the_right_document(example_binder: Path) -> None:
    texts = pages_text(example_binder)
    front = "\n".join(text for text in texts if stamp(text)[0] is None)
    line = next(line for line in front.splitlines() if line.startswith("4.2 "))
    page = int(line.split()[-1])
    assert stamp(texts[page - 1])[0] == "4.2"


def test_bookmarks_for_every_level_document_and_unit(example_binder: Path) -> None:
    marks = outline(example_binder)
    titles = {title for _, title, _ in marks}
    assert {f"ระดับ {n}" for n in range(1, 6)} <= titles
    assert any(t.startswith("3.1 ") for t in titles)
    assert "องค์การบริหารส่วนตำบลบางน้ำผึ้ง" in titles
    depths = {title: depth for depth, title, _ in marks}
    assert depths["ระดับ 3"] == 0
    assert depths["องค์การบริหารส่วนตำบลบางน้ำผึ้ง"] == 2
    texts = pages_text(example_binder)
    shared = {"5.5": "4.2", "5.6": "4.3"}  # same_as: bound once, under the first document
    for depth, title, page in marks:
        if depth == 1:  # a document's bookmark opens on a page stamped with its id
            document = title.split()[0]
            assert stamp(texts[page - 1])[0] == shared.get(document, document)


def test_thai_font_is_embedded(example_binder: Path) -> None:
    fonts = run(tool("pdffonts"), example_binder)
    thai = [line for line in fonts.splitlines() if THAI_FONTS.search(line)]
    assert thai
    assert all(" yes " in line for line in thai)


def real_pdf(pages: int = 1, password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def turned_photo() -> bytes:
    """A 90x30 JPEG whose EXIF says: turn it a quarter to show it upright (30x90, portrait)."""
    from PIL import Image

    image = Image.new("RGB", (90, 30), (200, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def awkward_pack(tmp_path: Path) -> Path:
    need_thai_font()
    return write_pack(
        tmp_path / "pack",
        evidence={
            "1.1 บันทึก": {"บันทึก.pdf": real_pdf(2), "ลับ.pdf": real_pdf(1, password="secret")},
            "1.2 รายงานการประชุม": {
                "เสีย.pdf": UNLAID,
                "ภาพหมุน.jpg": turned_photo(),
                "รายงาน.docx": word_file("รายงานการประชุม"),
            },
        },
    )


# Opens as far as the check looks (a page in its page tree), but its page has no size to lay it out by
UNLAID = pdf_file(
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox 7 >>",
)


def test_what_cannot_be_bound_is_listed_with_the_reason(
    awkward_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool("pdftotext")
    monkeypatch.setattr("itapack.handin.binder.find_soffice", lambda: None)  # no LibreOffice here
    code, output = bundle(str(awkward_pack), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert code == 0, output
    binder = tmp_path / "out" / "แฟ้มรวม ITA 2567.pdf"
    texts = pages_text(binder)
    contents = squeeze("".join(texts[:2]))
    assert squeeze("ลับ.pdf ไม่ได้รวมในแฟ้ม: ไฟล์ PDF ถูกเข้ารหัส") in contents
    assert squeeze("เสีย.pdf ไม่ได้รวมในแฟ้ม: ไฟล์ PDF เสียหาย") in contents
    assert squeeze("รายงาน.docx ไม่ได้รวมในแฟ้ม: ไม่ได้แปลงเป็น PDF: ไม่พบ LibreOffice") in contents
    assert "รวมไม่ได้ 3 ไฟล์" in output
    stamped = [stamp(t)[0] for t in texts]
    assert stamped.count("1.1") == 2 and stamped.count("1.2") == 1  # two pages of บันทึก.pdf, one photo
    from pypdf import PdfReader

    photo = PdfReader(binder).pages[-1]
    assert float(photo.mediabox.width) < float(photo.mediabox.height)  # turned upright by its EXIF


def test_office_files_are_converted_when_libreoffice_is_there(awkward_pack: Path, tmp_path: Path) -> None:
    tool("soffice", "libreoffice")
    code, output = bundle(str(awkward_pack), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert code == 0, output
    texts = pages_text(tmp_path / "out" / "แฟ้มรวม ITA 2567.pdf")
    assert any("รายงานการประชุม" in t and stamp(t)[0] == "1.2" for t in texts)


def test_per_document_and_split_binders(awkward_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool("pdfinfo")
    monkeypatch.setattr("itapack.handin.binder.find_soffice", lambda: None)
    code, output = bundle(str(awkward_pack), "--out", str(tmp_path / "each"), "--format", "pdf", "--per-document")
    assert code == 0, output
    assert sorted(p.name for p in (tmp_path / "each").iterdir()) == [
        "แฟ้มรวม ITA 2567-1.1.pdf",
        "แฟ้มรวม ITA 2567-1.2.pdf",
        "แฟ้มรวม ITA 2567-2.2.pdf",  # 2.2 is the same meeting as 1.2
    ]
    code, output = bundle(str(awkward_pack), "--out", str(tmp_path / "split"), "--format", "pdf", "--max-mb", "0.1")
    assert code == 0, output
    names = sorted(p.name for p in (tmp_path / "split").iterdir())
    assert names[0].startswith("แฟ้มรวม ITA 2567-part01-of") and len(names) >= 2
    first = pages_text(tmp_path / "split" / names[0])
    assert "ส่วนที่ 1 จาก" in first[0]


def test_without_a_thai_font_it_says_so(awkward_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ITAPACK_THAI_FONT", raising=False)
    monkeypatch.setattr("itapack.handin.binder.FONT_FOLDERS", ())
    code, output = bundle(str(awkward_pack), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert code == 2
    assert "ไม่พบฟอนต์ภาษาไทย" in output
    monkeypatch.setenv("ITAPACK_THAI_FONT", str(tmp_path / "none.ttf"))
    assert bundle(str(awkward_pack), "--out", str(tmp_path / "out"), "--format", "pdf")[0] == 2


def test_a_binder_is_replaced_but_a_clerks_pdf_is_not(
    awkward_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("itapack.handin.binder.find_soffice", lambda: None)
    out = tmp_path / "out"
    arguments = (str(awkward_pack), "--out", str(out), "--format", "pdf")
    assert bundle(*arguments)[0] == 0
    assert bundle(*arguments)[0] == 0  # its own binder: replaced
    (out / "แฟ้มรวม ITA 2567.pdf").write_bytes(real_pdf(1))
    code, output = bundle(*arguments)
    assert code == 3
    assert "ไม่ใช่ไฟล์ที่ itapack เขียนไว้" in output
    assert bundle(*arguments, "--force")[0] == 0
